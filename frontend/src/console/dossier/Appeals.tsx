/**
 * The two appeal drafts, each in a textarea the reviewer edits (edits are kept per language, and per
 * kind of UN communication) and saves, sealed, as the case's next version (saved/); opening the dossier
 * shows the newest saved version of each draft instead of the generated text. For print, the textarea
 * gives way to the same text as a block.
 * A draft holds only reports whose reporter consented to share with its addressee.
 */
import { useEffect, useState } from "preact/hooks";

import { Problem } from "../components/Problem";
import { t } from "../i18n";
import type { Addressee } from "./dossier";
import { DraftExport } from "./export/DraftExport";
import type { DocumentLanguage } from "./language";
import { draftKey } from "./saved/format";
import { isUnsaved, savedUnProcedure, shownText } from "./saved/latest";
import { SaveDraft } from "./saved/SaveDraft";
import { useSavedDrafts, type SavedDrafts } from "./saved/useSavedDrafts";
import { UN_PROCEDURES, type UnProcedure } from "./un";

export interface AppealDraft {
  addressee: Addressee;
  /** The UN draft's kind of communication (chosen from the facts unless the reviewer chose); else null. */
  variant: UnProcedure | null;
  text: string;
  /** Numbers of the reports left out for want of consent. */
  leftOut: number[];
  /** Numbers of the reports whose names were taken out (no "yes" to giving them to the Government). */
  namesWithheld: number[];
}

interface Props {
  L: DocumentLanguage;
  draft: AppealDraft;
  testid: string;
  edits: Record<string, string>;
  onEdit: (key: string, text: string) => void;
  onVariant?: (variant: UnProcedure) => void;
  saved: SavedDrafts;
}

/** The reviewer's choice of urgent appeal or allegation letter (the facts chose first). */
function ProcedureChoice({ value, onChange }: { value: UnProcedure; onChange: (value: UnProcedure) => void }) {
  return (
    <p class="no-print">
      <label>
        {t("dossier.ui.unProcedure")}{" "}
        <select
          data-testid="appeal-un-procedure"
          value={value}
          onChange={(event) => onChange(event.currentTarget.value as UnProcedure)}
        >
          {UN_PROCEDURES.map((procedure) => (
            <option key={procedure} value={procedure}>
              {t(`dossier.ui.unProcedures.${procedure}`)}
            </option>
          ))}
        </select>
      </label>{" "}
      <span class="muted">{t("dossier.ui.unProcedureHint")}</span>
    </p>
  );
}

function Appeal({
  L,
  draft: { addressee, variant, text, leftOut, namesWithheld },
  testid,
  edits,
  onEdit,
  onVariant,
  saved,
}: Props) {
  const key = draftKey({ language: L.tag, addressee, variant });
  const savedVersion = saved.latest.get(key);
  const value = shownText(edits[key], savedVersion, text);
  return (
    <section class="dossier-appeal" data-addressee={addressee}>
      <h2 class="no-print">{L.t(`dossier.appeals.${addressee}`)}</h2>
      {variant !== null && onVariant && <ProcedureChoice value={variant} onChange={onVariant} />}
      {leftOut.length > 0 && (
        <p class="dossier-warning no-print" data-testid="appeal-left-out">
          {t("dossier.ui.leftOut", { reports: leftOut.join(", ") })}
        </p>
      )}
      {namesWithheld.length > 0 && (
        <p class="dossier-warning no-print" data-testid="appeal-names-withheld">
          {t("dossier.ui.namesWithheld", { reports: namesWithheld.join(", ") })}
        </p>
      )}
      <textarea
        class="dossier-appeal-text no-print"
        data-testid={testid}
        aria-label={L.t(`dossier.appeals.${addressee}`)}
        lang={L.tag}
        rows={Math.min(60, Math.max(16, value.split("\n").length + 4))}
        spellcheck
        readOnly={!saved.ready}
        value={value}
        onInput={(event) => onEdit(key, event.currentTarget.value)}
      />
      <div class="dossier-appeal-print print-only" lang={L.tag}>
        {value}
      </div>
      <DraftExport L={L} addressee={addressee} variant={variant} value={value} />
      <p class="no-print">
        <button
          type="button"
          class="link"
          data-testid="appeal-restore"
          disabled={value === text}
          onClick={() => onEdit(key, text)}
        >
          {t("dossier.ui.restore")}
        </button>{" "}
        <span class="muted">{t("dossier.ui.editHint")}</span>
      </p>
      <SaveDraft
        saved={savedVersion}
        unsaved={isUnsaved(value, savedVersion, text)}
        ready={saved.ready}
        onSave={() => saved.save({ addressee, language: L.tag, variant, text: value })}
      />
    </section>
  );
}

export function Appeals({
  caseId,
  L,
  prosecutor,
  un,
  onUnProcedure,
}: {
  caseId: string;
  L: DocumentLanguage;
  prosecutor: AppealDraft;
  un: AppealDraft;
  onUnProcedure: (procedure: UnProcedure) => void;
}) {
  const [edits, setEdits] = useState<Record<string, string>>({});
  const onEdit = (key: string, text: string): void => setEdits((current) => ({ ...current, [key]: text }));
  const saved = useSavedDrafts(caseId);
  // Once the saved versions are open (and on a change of language), the UN draft is the kind last saved.
  useEffect(() => {
    const procedure = saved.ready ? savedUnProcedure(saved.latest, L.tag) : null;
    if (procedure !== null && procedure !== un.variant) onUnProcedure(procedure);
  }, [saved.ready, L.tag]);
  return (
    <>
      <Problem error={saved.problem} testid="appeal-saved-problem" />
      {saved.unreadable > 0 && (
        <p class="dossier-warning no-print" data-testid="appeal-saved-unreadable">
          {t("savedDrafts.unreadable", { n: saved.unreadable })}
        </p>
      )}
      <Appeal L={L} draft={prosecutor} testid="appeal-prosecutor" edits={edits} onEdit={onEdit} saved={saved} />
      <Appeal
        L={L}
        draft={un}
        testid="appeal-un"
        edits={edits}
        onEdit={onEdit}
        onVariant={onUnProcedure}
        saved={saved}
      />
    </>
  );
}
