/**
 * One view of the tappable body diagram (inline SVG). A tap adds an injury at that point, in the
 * region under the finger (or the nearest one); a tap on a marker selects its injury.
 */
import { t } from "../../i18n";
import type { BodySide, Injury } from "../../report/model";
import { HEIGHT, nearestRegion, regions, WIDTH, type Region } from "./bodyRegions";

interface Props {
  side: BodySide;
  /** Injuries on this view, with their numbers in the list. */
  markers: { injury: Injury; number: number }[];
  selectedId: string | null;
  onTap: (side: BodySide, region: string, x: number, y: number) => void;
  onSelect: (injuryId: string) => void;
}

const clamp01 = (n: number): number => Math.min(1, Math.max(0, n));
const MIRROR = `matrix(-1 0 0 1 ${WIDTH} 0)`;

function RegionShape({ region }: { region: Region }) {
  const shape =
    "ellipse" in region.shape ? (
      <ellipse
        cx={region.shape.ellipse[0]}
        cy={region.shape.ellipse[1]}
        rx={region.shape.ellipse[2]}
        ry={region.shape.ellipse[3]}
        data-region={region.id}
      />
    ) : (
      <path d={region.shape.path} data-region={region.id} />
    );
  return region.mirrored ? <g transform={MIRROR}>{shape}</g> : shape;
}

export function BodyDiagram({ side, markers, selectedId, onTap, onSelect }: Props) {
  const sideName = t(`injuries.${side}`);
  const onClick = (event: MouseEvent): void => {
    const target = event.target as Element;
    const marker = target.closest("[data-injury]");
    if (marker) {
      onSelect(marker.getAttribute("data-injury")!);
      return;
    }
    const svg = event.currentTarget as SVGSVGElement;
    const matrix = svg.getScreenCTM();
    if (!matrix) return;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const region = target.closest("[data-region]")?.getAttribute("data-region") ?? nearestRegion(side, point.x, point.y).id;
    onTap(side, region, clamp01(point.x / WIDTH), clamp01(point.y / HEIGHT));
  };
  // The person's right is on the reader's left from the front, on the reader's right from the back.
  const [leftLetter, rightLetter] =
    side === "front" ? [t("injuries.rightLetter"), t("injuries.leftLetter")] : [t("injuries.leftLetter"), t("injuries.rightLetter")];
  return (
    <figure class="body-figure">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t("injuries.diagramLabel", { side: sideName })}
        data-testid={`body-${side}`}
        onClick={onClick}
      >
        <g class="regions">
          {regions(side).map((region) => (
            <RegionShape key={region.id} region={region} />
          ))}
        </g>
        {side === "back" && <path class="spine" d="M100 84V248" />}
        <text class="lr" x={33} y={290} text-anchor="middle">
          {leftLetter}
        </text>
        <text class="lr" x={WIDTH - 33} y={290} text-anchor="middle">
          {rightLetter}
        </text>
        {markers.map(({ injury, number }) => (
          <g
            key={injury.id}
            class={injury.id === selectedId ? "marker selected" : "marker"}
            data-injury={injury.id}
            transform={`translate(${injury.x * WIDTH} ${injury.y * HEIGHT})`}
          >
            <circle r={11} />
            <text y={5} text-anchor="middle">
              {number}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>
        <strong>{sideName}</strong> <span>({t(`injuries.${side}Hint`)})</span>
      </figcaption>
    </figure>
  );
}
