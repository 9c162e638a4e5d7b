/**
 * "My reports": every report this phone sent, with its receipt and the status the server gives for
 * it, and the coalition's follow-up questions with an answer box. Questions show only while a
 * PIN/passphrase unlocked the phone; without one the screen asks for a PIN first. Its code is a
 * chunk of its own, loaded when the screen opens.
 */
import { useEffect, useState } from "preact/hooks";

import type { MyReportsView } from "../engine/engine";
import { fmtTime, language, t } from "../i18n";
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import { Heading } from "../components/Heading";
import { MyReportCard } from "../components/MyReportCard";
import { NotifyToggle } from "../components/NotifyToggle";
import { useEngine } from "../engine/context";

interface Props {
  onPinSettings: () => void;
  /** The relative just set a PIN from here (the question they wanted now shows). */
  pinSaved: boolean;
  /** "Add details" on a report's card: a new draft adding to it, to open in the wizard. */
  onAddDetails: (draft: ReportDraftV2) => void;
}

export function MyReports({ onPinSettings, pinSaved, onAddDetails }: Props) {
  const engine = useEngine();
  const [view, setView] = useState<MyReportsView | null>(null);

  useEffect(() => engine.watchMyReports(setView), [engine]);
  useEffect(() => {
    // Coming back online while the screen is open: ask again.
    const online = (): void => engine.refreshMyReports();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [engine]);

  return (
    <>
      <Heading>{t("myReports.title")}</Heading>
      <p>{t("myReports.intro")}</p>
      {pinSaved && <p class="notice">{t("settings.pinSaved")}</p>}
      {view?.questions === "need_pin" && (
        <div class="notice" data-testid="my-reports-need-pin">
          <p>{t("myReports.needPin")}</p>
          <button type="button" class="secondary" onClick={onPinSettings}>
            {t("myReports.needPinButton")}
          </button>
        </div>
      )}
      <section class="card" aria-live="polite">
        {view === null || view.checking ? (
          <p class="hint">{t("myReports.checking")}</p>
        ) : view.checkFailed ? (
          <p class="hint">{t("myReports.checkFailed")}</p>
        ) : (
          view.checkedAt && <p class="hint">{t("myReports.checkedAt", { time: fmtTime(view.checkedAt) })}</p>
        )}
        <button
          type="button"
          class="secondary"
          onClick={() => engine.refreshMyReports()}
          disabled={view?.checking ?? true}
        >
          {t("myReports.refresh")}
        </button>
      </section>
      <div data-testid="my-reports">
        {view !== null && view.reports.length === 0 && <p>{t("myReports.none")}</p>}
        {view !== null && view.reports.length > 0 && (
          <ul class="outbox-list">
            {view.reports.map((report) => (
              <MyReportCard
                key={report.reportId}
                report={report}
                questions={view.questions}
                onAddDetails={() =>
                  void engine.draftAddingTo(report.reportId, language().tag).then(onAddDetails, () => undefined)
                }
              />
            ))}
          </ul>
        )}
      </div>
      {view !== null && view.reports.some((report) => report.tracked) && <NotifyToggle />}
    </>
  );
}
