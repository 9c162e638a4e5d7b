/**
 * Complaints already made, the documents and voice recordings the families sent (with each file's
 * SHA-256), and the coalition's questions to the families with their answers. A part with nothing in
 * it is left out of the document.
 */
import type { CaseEvidence } from "./appeal/evidence";
import type { DocumentLanguage } from "./language";
import { answersTable, complaintsTable, documentsTable, voiceTable } from "./parts/records";
import type { Table } from "./parts/rows";
import { DataTable, Part } from "./Table";

function TablePart(props: { L: DocumentLanguage; testid: string; rowTestid: string; title: string; table: Table }) {
  const { L, testid, rowTestid, title, table } = props;
  if (table.rows.length === 0) return null;
  return (
    <Part testid={testid} title={L.t(title)}>
      <DataTable L={L} table={table} testid={rowTestid} />
    </Part>
  );
}

export function RecordsPart({ L, evidence }: { L: DocumentLanguage; evidence: CaseEvidence }) {
  return (
    <>
      <TablePart
        L={L}
        testid="dossier-complaints"
        rowTestid="dossier-complaint"
        title="dossier.complaints.title"
        table={complaintsTable(L, evidence)}
      />
      <TablePart
        L={L}
        testid="dossier-documents"
        rowTestid="dossier-document"
        title="dossier.documents.title"
        table={documentsTable(L, evidence)}
      />
      <TablePart
        L={L}
        testid="dossier-voice"
        rowTestid="dossier-voice-recording"
        title="dossier.voice.title"
        table={voiceTable(L, evidence)}
      />
      <TablePart
        L={L}
        testid="dossier-answers"
        rowTestid="dossier-answer"
        title="dossier.questions.title"
        table={answersTable(L, evidence)}
      />
    </>
  );
}
