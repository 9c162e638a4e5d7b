/** Short texts of report fields, in the console's language (the reporter's words for the ids). */
import type { Place, YesNoUnknown } from "../../shared/report/model";
import { t } from "../i18n";

/** "Сортобе, дома" / the free-text place. */
export function placeText(place: Place): string {
  const village = place.village === "other" || place.village === null ? place.other : t(`villages.${place.village}`);
  const type = place.placeType ? t(`placeTypes.${place.placeType}`) : null;
  return [village, type].filter(Boolean).join(", ") || t("report.notGiven");
}

export const answerText = (answer: YesNoUnknown | null | undefined): string => t(`common.${answer ?? "unknown"}`);

export const yesNo = (value: boolean): string => t(value ? "common.yes" : "common.no");
