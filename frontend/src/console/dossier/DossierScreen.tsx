/**
 * A case's dossier, built in the browser from its reports as decrypted here: summary, timeline,
 * injuries with the body diagram and photos, accounts and source reports (dossier.ts), and person by
 * person and act by act from the case's evidence (appeal/evidence.ts): persons, detentions, searches,
 * interrogations, torture, harm to relatives and medical care, complaints, documents, voice
 * recordings, the questions to the families and their answers; then the two appeal drafts. Its
 * language is chosen on the dossier (the console's by default); the reviewer prints it to PDF with
 * the browser's print dialog (dossier.css). Nothing of it reaches the server.
 */
import "./dossier.css";

import { useMemo, useState } from "preact/hooks";

import { Problem } from "../components/Problem";
import { consoleLanguages, language, t } from "../i18n";
import { Appeals } from "./Appeals";
import { appealDraft } from "./appeal/drafts";
import { evidenceOf } from "./appeal/evidence";
import { useCaseAnswers } from "./appeal/useCaseAnswers";
import { useCaseTranscripts } from "./appeal/useCaseTranscripts";
import { buildDossier, type DossierInput, type SourceReport } from "./dossier";
import { InjuriesPart } from "./InjuriesPart";
import { draftAnnexes } from "./export/annex";
import { DraftAnnexes } from "./export/DraftExport";
import { documentLanguage, dossierTag, DOSSIER_LANGUAGES, type DossierTag } from "./language";
import { PersonsPart } from "./PersonsPart";
import { PhotosPart } from "./PhotosPart";
import { ProceedingsPart } from "./ProceedingsPart";
import { RecordsPart } from "./RecordsPart";
import { AccountsPart, HarmsPart, SourcesPart } from "./SourcesPart";
import { SummaryPart, TimelinePart } from "./SummaryPart";
import type { UnProcedure } from "./un";
import { useCaseReports } from "../cases/useCaseReports";

export function DossierScreen({ caseId, onBack }: { caseId: string; onBack: () => void }) {
  const { item, entries, problem } = useCaseReports(caseId);
  const [tag, setTag] = useState<DossierTag>(() => dossierTag(language().tag));
  const L = useMemo(() => documentLanguage(tag), [tag]);

  const reportIds = item?.case.report_ids ?? [];
  const opened: SourceReport[] = entries.flatMap((e) =>
    e.report
      ? [{ meta: e.meta, report: e.report, full: e.full, namesToGovernment: e.full?.consent.namesToGovernment ?? null }]
      : [],
  );
  const answers = useCaseAnswers(reportIds);
  const transcripts = useCaseTranscripts(reportIds);
  const input: DossierInput = { caseId, title: item?.title ?? null, reportIds, opened, answers, transcripts };
  const dossier = useMemo(() => buildDossier(input), [entries, item]);
  const evidence = useMemo(() => evidenceOf(input), [entries, item, answers, transcripts]);
  const prosecutor = useMemo(() => appealDraft(L, input, dossier, "prosecutor"), [L, dossier, answers, transcripts]);
  const [procedure, setProcedure] = useState<UnProcedure | null>(null);
  const un = useMemo(
    () => appealDraft(L, input, dossier, "un", procedure),
    [L, dossier, procedure, answers, transcripts],
  );
  const annexes = useMemo(() => draftAnnexes(L, input), [L, dossier, answers, transcripts]);
  const opening = entries.length < reportIds.length || entries.some((e) => e.state === "opening");

  return (
    <section
      class="dossier"
      data-testid="dossier"
      data-case-id={caseId}
      data-ready={opening ? undefined : "1"}
      lang={tag}
    >
      <div class="dossier-controls no-print">
        <button type="button" class="link" data-testid="dossier-back" onClick={onBack}>
          ← {t("dossier.ui.back")}
        </button>
        <label>
          {t("dossier.ui.language")}{" "}
          <select
            data-testid="dossier-language"
            value={tag}
            onChange={(event) => setTag(dossierTag(event.currentTarget.value))}
          >
            {consoleLanguages()
              .filter(({ tag: known }) => (DOSSIER_LANGUAGES as readonly string[]).includes(known))
              .map(({ tag: known, name }) => (
                <option key={known} value={known}>
                  {name}
                </option>
              ))}
          </select>
        </label>
        <button type="button" data-testid="dossier-print" onClick={() => window.print()}>
          {t("dossier.ui.print")}
        </button>
        <p class="muted">{opening ? t("dossier.ui.opening") : t("dossier.ui.local")}</p>
      </div>
      <Problem error={problem} />
      <header class="dossier-head">
        <p class="dossier-org">{L.t("dossier.doc.organisation")}</p>
        <h1>{L.t("dossier.doc.title")}</h1>
        {dossier.title && <p class="dossier-case-title">{dossier.title}</p>}
        <p class="dossier-small">{L.t("dossier.doc.prepared", { date: L.instant(new Date().toISOString()) ?? "" })}</p>
        <p class="dossier-confidential">{L.t("dossier.doc.confidential")}</p>
      </header>
      <SummaryPart L={L} dossier={dossier} evidence={evidence} />
      <TimelinePart L={L} dossier={dossier} />
      <PersonsPart L={L} evidence={evidence} />
      <ProceedingsPart L={L} evidence={evidence} />
      <InjuriesPart L={L} evidence={evidence} />
      <PhotosPart L={L} dossier={dossier} />
      <HarmsPart L={L} evidence={evidence} />
      <RecordsPart L={L} evidence={evidence} />
      <AccountsPart L={L} dossier={dossier} />
      <SourcesPart L={L} dossier={dossier} />
      <DraftAnnexes.Provider value={annexes}>
        <Appeals caseId={caseId} L={L} prosecutor={prosecutor} un={un} onUnProcedure={setProcedure} />
      </DraftAnnexes.Provider>
    </section>
  );
}
