/**
 * The reporter's body diagram (src/app/components/bodyRegions.ts), drawn read-only with the
 * report's injuries where the reporter tapped, numbered as in the list beside it.
 */
import { HEIGHT, WIDTH, regions, type Region } from "../../app/components/bodyRegions";
import type { BodySide, Injury } from "../../report/model";
import { t } from "../i18n";

const MIRROR = `matrix(-1 0 0 1 ${WIDTH} 0)`;

function RegionShape({ region, marked }: { region: Region; marked: boolean }) {
  const className = marked ? "marked" : undefined;
  const shape =
    "ellipse" in region.shape ? (
      <ellipse class={className} cx={region.shape.ellipse[0]} cy={region.shape.ellipse[1]} rx={region.shape.ellipse[2]} ry={region.shape.ellipse[3]} />
    ) : (
      <path class={className} d={region.shape.path} />
    );
  return region.mirrored ? <g transform={MIRROR}>{shape}</g> : shape;
}

interface Props {
  side: BodySide;
  markers: readonly { injury: Injury; number: number }[];
}

export function BodyMarks({ side, markers }: Props) {
  const marked = new Set(markers.map(({ injury }) => injury.region));
  // The person's right is on the reader's left from the front, on the reader's right from the back.
  const [leftLetter, rightLetter] =
    side === "front" ? [t("injuries.rightLetter"), t("injuries.leftLetter")] : [t("injuries.leftLetter"), t("injuries.rightLetter")];
  return (
    <figure class="body-figure">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t("report.diagram", { side: t(`injuries.${side}`) })} data-testid={`body-${side}`}>
        <g class="regions">
          {regions(side).map((region) => (
            <RegionShape key={region.id} region={region} marked={marked.has(region.id)} />
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
            class="marker"
            data-testid="injury-mark"
            data-injury-id={injury.id}
            transform={`translate(${injury.x * WIDTH} ${injury.y * HEIGHT})`}
          >
            <circle r={11} />
            <text y={5} text-anchor="middle">
              {number}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{t(`injuries.${side}`)}</figcaption>
    </figure>
  );
}
