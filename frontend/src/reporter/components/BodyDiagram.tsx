/**
 * One view of the tappable body diagram (inline SVG). A tap adds an injury at that point, in the
 * region under the finger (or the nearest one); a tap on a marker selects its injury.
 */
import { t } from "../i18n";
import type { BodySide } from "../../shared/report/model";
import { BodyDrawing, type Marker } from "../../shared/body/BodyDrawing";
import { HEIGHT, nearestRegion, WIDTH } from "../../shared/body/bodyRegions";

interface Props {
  side: BodySide;
  /** Injuries on this view, with their numbers in the list. */
  markers: Marker[];
  selectedId: string | null;
  onTap: (side: BodySide, region: string, x: number, y: number) => void;
  onSelect: (injuryId: string) => void;
}

const clamp01 = (n: number): number => Math.min(1, Math.max(0, n));

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
    const region =
      target.closest("[data-region]")?.getAttribute("data-region") ?? nearestRegion(side, point.x, point.y).id;
    onTap(side, region, clamp01(point.x / WIDTH), clamp01(point.y / HEIGHT));
  };
  return (
    <BodyDrawing
      side={side}
      markers={markers}
      letters={{ right: t("injuries.rightLetter"), left: t("injuries.leftLetter") }}
      label={t("injuries.diagramLabel", { side: sideName })}
      selectedId={selectedId}
      onClick={onClick}
      caption={
        <>
          <strong>{sideName}</strong> <span>({t(`injuries.${side}Hint`)})</span>
        </>
      }
    />
  );
}
