/**
 * Medical care person by person, the complaints already made, the documents and voice recordings
 * (with their SHA-256s, each from its report or from the family's answer that sent it) and the
 * families' answers to the coalition's questions.
 */
import type { Answer, Exam } from "../../../shared/report/v2";
import type { CaseEvidence } from "../appeal/evidence";
import { transcriptsFor } from "../appeal/narrative";
import type { DocumentLanguage } from "../language";
import { quoted } from "../words";
import { answerCell } from "./acts";
import { knownRows, personLabel, sourceCell, whoseLabel, type FactRow, type Table } from "./rows";

export interface MedicalBlock {
  key: string;
  /** Whose care it is: the person's name, or that the report names nobody. */
  heading: string;
  reportNumber: number;
  rows: FactRow[];
}

const m = (L: DocumentLanguage, key: string): string => L.t(`dossier.medical.${key}`);

function examCell(L: DocumentLanguage, exam: Exam): string | null {
  if (exam.status === null || exam.status === "dont_know") return null;
  return [L.t(`dossier.forensicExam.${exam.status}`), L.when(exam.when), quoted(L, exam.result)]
    .filter((part): part is string => part !== null)
    .join(", ");
}

const yesSigns = (L: DocumentLanguage, key: string, signs: Record<string, Answer>): string | null => {
  const named = Object.entries(signs).flatMap(([sign, answer]) =>
    answer === "yes" ? [L.t(`appeal.medical.${key}.${sign}`)] : [],
  );
  return named.length > 0 ? named.join(", ") : null;
};

/** Each medical record as a block headed by whose care it is; only the facts the report gives. */
export function medicalBlocks(L: DocumentLanguage, ev: CaseEvidence): MedicalBlock[] {
  return ev.medical.map(({ medical, person, reportId, reportNumber }) => ({
    key: `${reportId}:${medical.id}`,
    heading: whoseLabel(L, person, reportNumber),
    reportNumber,
    rows: knownRows([
      { label: m(L, "careReceived"), value: answerCell(L, medical.careReceived), always: true },
      { label: m(L, "examinedWhere"), value: quoted(L, medical.examinedWhere) },
      { label: m(L, "examinedWhen"), value: L.when(medical.examinedWhen) },
      { label: m(L, "examinedBy"), value: quoted(L, medical.examinedBy) },
      { label: m(L, "policePresent"), value: answerCell(L, medical.policePresent) },
      { label: m(L, "examinedOnAdmission"), value: answerCell(L, medical.examinedOnAdmission) },
      { label: m(L, "beatingCertificate"), value: answerCell(L, medical.beatingCertificate) },
      { label: m(L, "forensicExam"), value: examCell(L, medical.forensicExam) },
      { label: m(L, "psychologicalExam"), value: examCell(L, medical.psychologicalExam) },
      { label: m(L, "suffocation"), value: yesSigns(L, "suffocation", { ...medical.suffocation }) },
      { label: m(L, "psychological"), value: yesSigns(L, "psychological", { ...medical.psychological }) },
      { label: m(L, "symptoms"), value: quoted(L, medical.symptoms) },
    ]),
  }));
}

/** The complaints the reports say were made: for whom, to whom, when, whether and what was answered. */
export function complaintsTable(L: DocumentLanguage, ev: CaseEvidence): Table {
  const c = (key: string): string => L.t(`dossier.complaints.${key}`);
  return {
    columns: [c("for"), c("to"), c("when"), c("answered"), c("answer"), L.t("dossier.timeline.source")],
    rows: ev.reports.flatMap(({ report, reportId, reportNumber }) =>
      report.complaints.map((complaint) => ({
        key: `${reportId}:${complaint.id}`,
        cells: [
          complaint.personIds
            .flatMap((id) => ev.people.filter((p) => p.reportId === reportId && p.person.id === id))
            .map((p) => personLabel(L, p))
            .join(", ") || null,
          quoted(L, complaint.to),
          L.when(complaint.when),
          answerCell(L, complaint.answered),
          quoted(L, complaint.answer),
          sourceCell(L, { reportNumber }),
        ],
      })),
    ),
  };
}

/** "Сообщение № 1", or "Ответ семьи к сообщению № 1" for what came with an answer. */
const fromCell = (L: DocumentLanguage, reportNumber: number, answerId: string | null): string =>
  answerId === null ? sourceCell(L, { reportNumber }) : L.t("dossier.questions.fromAnswer", { n: reportNumber });

/** The documents: type, caption, pages, PDF, and the SHA-256 of each page's photo then of the PDF. */
export function documentsTable(L: DocumentLanguage, ev: CaseEvidence): Table {
  const d = (key: string): string => L.t(`dossier.documents.${key}`);
  return {
    columns: [d("type"), d("caption"), d("pages"), "PDF", "SHA-256", L.t("dossier.timeline.source")],
    code: [4],
    rows: ev.documents.map(({ document, reportId, reportNumber, answerId }) => {
      const hashes = [
        ...document.pages.map((page) => page.originalSha256),
        ...(document.pdf ? [document.pdf.sha256] : []),
      ];
      return {
        key: `${reportId}:${answerId ?? ""}:${document.id}`,
        cells: [
          L.t(`appeal.documentType.${document.type ?? "other"}`),
          quoted(L, document.caption),
          L.number(document.pages.length),
          document.pdf ? (quoted(L, document.pdf.name) ?? L.t("dossier.answers.yes")) : L.t("dossier.answers.no"),
          hashes.length > 0 ? hashes.join(" ") : null,
          fromCell(L, reportNumber, answerId),
        ],
      };
    }),
  };
}

/** "3:07": a recording's length in minutes and seconds. */
export function durationText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The voice recordings: when recorded, how long, what field it was spoken for, SHA-256. */
export function voiceTable(L: DocumentLanguage, ev: CaseEvidence): Table {
  const v = (key: string): string => L.t(`dossier.voice.${key}`);
  return {
    columns: [v("recorded"), v("duration"), v("transcript"), "SHA-256", L.t("dossier.timeline.source")],
    code: [3],
    rows: ev.voice.map(({ voice, reportId, reportNumber, answerId, transcripts }) => ({
      key: `${reportId}:${voice.attachmentId}`,
      cells: [
        L.instant(voice.capturedAt),
        durationText(voice.durationMs),
        quoted(L, transcriptsFor(L, transcripts)[0]?.text),
        voice.sha256,
        fromCell(L, reportNumber, answerId),
      ],
    })),
  };
}

/** The families' answers: when asked, the question, when answered, the answer, what came with it. */
export function answersTable(L: DocumentLanguage, ev: CaseEvidence): Table {
  const q = (key: string): string => L.t(`dossier.questions.${key}`);
  return {
    columns: [q("asked"), q("question"), q("answered"), q("answer"), q("media"), L.t("dossier.timeline.source")],
    rows: ev.answers.map(({ question, answer, receivedAt, reportId, reportNumber }) => {
      const media = answer.media ?? { photos: [], voice: [], documents: [] };
      const counts = [
        media.photos.length > 0 && L.t("appeal.answer.photos", { n: L.number(media.photos.length) }),
        media.voice.length > 0 && L.t("appeal.answer.voice", { n: L.number(media.voice.length) }),
        media.documents.length > 0 && L.t("appeal.answer.documents", { n: L.number(media.documents.length) }),
      ].filter((part): part is string => typeof part === "string");
      return {
        key: `${reportId}:${answer.answerId}`,
        cells: [
          question && L.instant(question.askedAt),
          question ? quoted(L, question.text) : q("unmatched"),
          L.instant(receivedAt),
          quoted(L, answer.text),
          counts.length > 0 ? counts.join(", ") : q("noMedia"),
          sourceCell(L, { reportNumber }),
        ],
      };
    }),
  };
}
