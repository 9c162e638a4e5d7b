/**
 * Under an appeal draft: its Save button, which version is saved (by whom, when), and a mark while the
 * text shown differs from it.
 */
import { useState } from "preact/hooks";

import { Problem } from "../../components/Problem";
import { reviewerName, useConsole, useKnownReviewers } from "../../context";
import { fmtInstant, t } from "../../i18n";
import type { SavedVersion } from "./latest";

interface Props {
  saved: SavedVersion | undefined;
  unsaved: boolean;
  /** False while the saved versions are being opened. */
  ready: boolean;
  onSave: () => Promise<unknown>;
}

export function SaveDraft({ saved, unsaved, ready, onSave }: Props) {
  const { reviewers } = useConsole();
  useKnownReviewers([saved?.meta.author_id ?? null]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const save = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await onSave();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="dossier-saved no-print">
      <p>
        <button
          type="button"
          class="primary"
          data-testid="appeal-save"
          disabled={busy || !ready || !unsaved}
          onClick={() => void save()}
        >
          {busy ? t("console.working") : t("savedDrafts.save")}
        </button>{" "}
        <span class="muted" data-testid="appeal-saved" data-version={saved?.meta.version ?? 0}>
          {!ready
            ? t("savedDrafts.opening")
            : saved
              ? t("savedDrafts.saved", {
                  version: saved.meta.version,
                  author: reviewerName(reviewers, saved.meta.author_id),
                  time: fmtInstant(saved.meta.created_at),
                })
              : t("savedDrafts.notSaved")}
        </span>{" "}
        {ready && unsaved && (
          <strong class="dossier-unsaved" data-testid="appeal-unsaved">
            {t("savedDrafts.unsaved")}
          </strong>
        )}
      </p>
      <Problem error={problem} testid="appeal-save-problem" />
    </div>
  );
}
