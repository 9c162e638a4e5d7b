/**
 * The first screen: a new report, the urgent "happening now" report, unfinished drafts, the
 * outbox with "Send now", the receipts and the way to "My reports" (status, questions), a
 * warning when the phone runs out of space, and on an iPhone tab how to add the app to the Home Screen.
 */
import { useEffect, useState } from "preact/hooks";

import type { OutboxItemView, StorageInfo } from "../engine/engine";
import { fmtBytes, t } from "../i18n";
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import { Heading } from "../components/Heading";
import { HomeScreenCard } from "../components/HomeScreenCard";
import { LanguageSelect } from "../components/LanguageSelect";
import { OutboxPending, Receipts } from "../components/Outbox";
import { useEngine } from "../engine/context";
import { StartButtons } from "../components/StartButtons";
import { savesSettled } from "../wizard/useAutosave";
import { Drafts } from "./Drafts";

export type HomeNotice = "submitted";

interface Props {
  outbox: OutboxItemView[];
  notice: HomeNotice | null;
  onNewReport: (happeningNow: boolean) => void;
  onOpenDraft: (draft: ReportDraftV2) => void;
  onSettings: () => void;
  onMyReports: () => void;
  onLanguage: (tag: string) => void;
}

export function Home({ outbox, notice, onNewReport, onOpenDraft, onSettings, onMyReports, onLanguage }: Props) {
  const engine = useEngine();
  const [drafts, setDrafts] = useState<ReportDraftV2[]>([]);
  const [storage, setStorage] = useState<StorageInfo | null>(null);

  const loadDrafts = (): void => {
    savesSettled()
      .then(() => engine.listDrafts())
      .then((list) => setDrafts([...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))))
      .catch(() => setDrafts([]));
  };
  useEffect(loadDrafts, [engine]);
  useEffect(() => {
    engine.storageInfo().then(setStorage, () => setStorage(null));
  }, [engine, outbox.length]);

  return (
    <>
      <Heading>{t("home.title")}</Heading>
      {notice && (
        <p class="notice" role="status">
          {t("home.submitted")}
        </p>
      )}
      {storage?.low && (
        <div class="warning" role="alert" data-testid="storage-low">
          <p>{t("home.storageLow")}</p>
          {storage.usageBytes !== null && storage.quotaBytes !== null && (
            <p class="hint">
              {t("home.storageUsage", { used: fmtBytes(storage.usageBytes), total: fmtBytes(storage.quotaBytes) })}
            </p>
          )}
        </div>
      )}
      <StartButtons onNewReport={onNewReport} />
      <HomeScreenCard />
      <Drafts
        drafts={drafts}
        onOpen={onOpenDraft}
        onDelete={(draftId) => void engine.deleteDraft(draftId).finally(loadDrafts)}
      />
      <OutboxPending
        items={outbox}
        onSendNow={() => engine.sendNow()}
        onStopOriginal={(reportId, attachmentId) => void engine.stopOriginal(reportId, attachmentId)}
      />
      <Receipts items={outbox} />
      {outbox.some((item) => item.receipt !== null) && (
        <button type="button" class="big secondary" onClick={onMyReports} data-testid="nav-my-reports">
          <span class="big-label">{t("home.myReports")}</span>
          <span class="big-hint">{t("home.myReportsHint")}</span>
        </button>
      )}
      <div class="home-footer">
        <LanguageSelect onChange={onLanguage} />
        <button type="button" class="secondary" onClick={onSettings} data-testid="settings">
          {t("app.settings")}
        </button>
      </div>
    </>
  );
}
