/** A When as the reporter will read it back: "8 марта 2026, 14:05", "примерно 8 марта 2026". */
import { fmtDate, fmtDateTime, t } from "../i18n";
import type { When } from "../../shared/report/model";

export function formatWhen(when: When | null): string | null {
  if (!when || when.precision === "unknown" || !when.value)
    return when?.precision === "unknown" ? t("when.notKnown") : null;
  const [date = "", time] = when.value.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hours, minutes] = (time ?? "").split(":").map(Number);
  if (!year || !month || !day) return null;
  const local = new Date(year, month - 1, day, hours ?? 0, minutes ?? 0);
  const text = time ? fmtDateTime(local) : fmtDate(local);
  return when.precision === "approximate" ? t("when.approx", { date: text }) : text;
}
