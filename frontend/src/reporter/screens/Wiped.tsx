/**
 * What shows once "Delete everything" is confirmed, at once and in place of the whole app (its
 * screens and their state are gone from memory): the first-run screen of a fresh install, with the
 * word that the reports already sent stay with the coalition. It touches no storage, so nothing is
 * created again; starting a report opens the app afresh.
 */
import { useEffect, useState } from "preact/hooks";

import { t } from "../i18n";
import { Heading } from "../components/Heading";
import { TopBar } from "../components/TopBar";

type WipeState = "wiping" | "wiped" | "failed";

/** `wipe` deletes everything; its failure offers to try again. */
export function Wiped({ wipe }: { wipe: () => Promise<void> }) {
  const [state, setState] = useState<WipeState>("wiping");
  const run = (): void => {
    setState("wiping");
    wipe().then(
      () => setState("wiped"),
      () => setState("failed"),
    );
  };
  useEffect(run, []);
  useEffect(() => {
    document.documentElement.dataset.wipe = state;
  }, [state]);
  const startAfresh = (): void => location.replace("/");

  return (
    <>
      <TopBar />
      <main id="main" class="shell">
        <Heading>{t("home.title")}</Heading>
        <p class="notice" role="status" data-testid="wipe-status">
          {state === "wiping" ? t("settings.wiping") : state === "wiped" ? t("home.wiped") : t("settings.wipeFailed")}
        </p>
        {state === "wiped" && <p>{t("home.wipedSentSafe")}</p>}
        {state === "failed" ? (
          <button type="button" class="danger" onClick={run} data-testid="wipe-retry">
            {t("settings.wipeConfirm")}
          </button>
        ) : (
          <div class="start-buttons">
            <button type="button" class="big primary" onClick={startAfresh} data-testid="new-report">
              <span class="big-label">{t("home.newReport")}</span>
              <span class="big-hint">{t("home.newReportHint")}</span>
            </button>
            <button type="button" class="big urgent" onClick={startAfresh} data-testid="happening-now-button">
              <span class="big-label">{t("home.happeningNow")}</span>
              <span class="big-hint">{t("home.happeningNowHint")}</span>
            </button>
          </div>
        )}
      </main>
    </>
  );
}
