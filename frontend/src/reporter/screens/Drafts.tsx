/** Unfinished reports on this phone (only when unlocked): continue one, or delete it after a confirm. */
import { useState } from "preact/hooks";

import { fmtDateTime, t, tp } from "../i18n";
import type { ReportDraftV2 } from "../../shared/report/draftV2";

interface Props {
  drafts: ReportDraftV2[];
  onOpen: (draft: ReportDraftV2) => void;
  onDelete: (draftId: string) => void;
}

export function Drafts({ drafts, onOpen, onDelete }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (drafts.length === 0) return null;
  return (
    <section class="card" aria-labelledby="drafts-title">
      <h2 id="drafts-title">{t("home.draftsTitle")}</h2>
      <p class="hint">{tp("home.draftsCount", drafts.length)}</p>
      <ul class="draft-list">
        {drafts.map((draft) => (
          <li key={draft.draftId} class="draft">
            <p class="draft-title">
              {draft.happeningNow && <span class="badge">{t("outbox.urgent")}</span>}{" "}
              {t("home.draftFrom", { date: fmtDateTime(new Date(draft.updatedAt)) })}
            </p>
            <p class="hint">{draft.kinds.map((kind) => t(`kinds.${kind}`)).join("; ") || t("home.draftEmpty")}</p>
            {draft.addsTo && <p class="hint">{t("core.additionNote")}</p>}
            {confirming === draft.draftId ? (
              <div class="confirm" role="group" aria-label={t("home.deleteDraft")}>
                <p>{t("home.deleteDraftConfirm")}</p>
                <div class="row">
                  <button type="button" class="danger" onClick={() => onDelete(draft.draftId)}>
                    {t("home.deleteDraftYes")}
                  </button>
                  <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                    {t("home.cancel")}
                  </button>
                </div>
              </div>
            ) : (
              <div class="row">
                <button type="button" class="primary" onClick={() => onOpen(draft)}>
                  {t("home.continue")}
                </button>
                <button type="button" class="secondary" onClick={() => setConfirming(draft.draftId)}>
                  {t("home.deleteDraft")}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
