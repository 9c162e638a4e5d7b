/**
 * The reporter's body diagram (src/shared/body/BodyDrawing.tsx), drawn read-only with the
 * report's injuries where the reporter tapped, numbered as in the list beside it.
 */
import { BodyDrawing, type Marker } from "../../shared/body/BodyDrawing";
import type { BodySide } from "../../shared/report/model";
import { t } from "../i18n";

interface Props {
  side: BodySide;
  markers: readonly Marker[];
}

export function BodyMarks({ side, markers }: Props) {
  return (
    <BodyDrawing
      side={side}
      markers={markers}
      marked={new Set(markers.map(({ injury }) => injury.region))}
      letters={{ right: t("injuries.rightLetter"), left: t("injuries.leftLetter") }}
      label={t("report.diagram", { side: t(`injuries.${side}`) })}
      markerTestId="injury-mark"
      caption={t(`injuries.${side}`)}
    />
  );
}
