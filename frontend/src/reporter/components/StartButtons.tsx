/** The two ways to start: a new report, and the short "happening now" report (home and lock screen). */
import { t } from "../i18n";

export function StartButtons({ onNewReport }: { onNewReport: (happeningNow: boolean) => void }) {
  return (
    <div class="start-buttons">
      <button type="button" class="big primary" onClick={() => onNewReport(false)} data-testid="new-report">
        <span class="big-label">{t("home.newReport")}</span>
        <span class="big-hint">{t("home.newReportHint")}</span>
      </button>
      <button type="button" class="big urgent" onClick={() => onNewReport(true)} data-testid="happening-now-button">
        <span class="big-label">{t("home.happeningNow")}</span>
        <span class="big-hint">{t("home.happeningNowHint")}</span>
      </button>
    </div>
  );
}
