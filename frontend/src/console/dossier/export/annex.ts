/**
 * A draft's annex as plain data: the files a lawyer attaches to the appeal (photos, documents, voice
 * recordings, each from a report or from a family's answer) and the source reports, each with the
 * SHA-256 that lets anyone check the file was not changed since the phone sent it. Built from the
 * dossier and the evidence (appeal/evidence.ts) of the reports that may go to the draft's addressee
 * (dossier.ts, `consenting`), so it names nothing the draft leaves out; the Word export
 * (docx.ts) and the single-draft print (DraftExport.tsx) lay it out. Times stay as the phone or the
 * server gave them (RFC 3339); captions are in the document's language.
 */
import { evidenceOf, type CaseEvidence } from "../appeal/evidence";
import { transcriptsFor } from "../appeal/narrative";
import { buildDossier, consenting, type Addressee, type Dossier, type DossierInput } from "../dossier";
import type { DocumentLanguage } from "../language";
import { durationText } from "../parts/records";

export interface AnnexPhoto {
  /** Numbered through the annex (1, 2...), in the dossier's order. */
  number: number;
  /** What it shows: "повреждение № 2" / "injury No. 2", or that it is not tied to one injury. */
  caption: string;
  /** SHA-256 of the original file as picked on the phone. */
  sha256: string;
  /** SHA-256 of the smaller copy the phone sent instead (hashed before sealing), when it downscaled; else null. */
  sentSha256: string | null;
  reportNumber: number;
  /** The phone's clock when it was taken; null when not known. */
  takenAt: string | null;
  /** Whether the server holds its completed upload; null when not known here (a photo sent with an answer). */
  received: boolean | null;
  /** The relative withdrew the original: the small copy is all there will be. */
  withdrawn?: boolean;
}

export interface AnnexDocument {
  number: number;
  /** The kind of paper in the document's language ("протокол задержания"). */
  type: string;
  /** The reporter's caption, as written; null when none. */
  caption: string | null;
  /** Pages photographed (a PDF counts as its own entry in `sha256s`). */
  pages: number;
  /** SHA-256 of each page's photo, then of the PDF, in order. */
  sha256s: string[];
  reportNumber: number;
  /** Sent with a family's answer to a question about that report, not with the report itself. */
  fromAnswer: boolean;
}

export interface AnnexVoice {
  number: number;
  durationMs: number;
  sha256: string;
  /** A reviewer's transcript, when there is one. */
  transcript: string | null;
  reportNumber: number;
  fromAnswer: boolean;
}

export interface AnnexSource {
  reportNumber: number;
  /** When the server received the report. */
  receivedAt: string;
  /** SHA-256 of the report's sealed file, as the phone's receipt names it. */
  sha256: string;
}

export interface DraftAnnex {
  photos: AnnexPhoto[];
  documents: AnnexDocument[];
  voice: AnnexVoice[];
  sources: AnnexSource[];
}

const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * The annex of a draft built from `dossier` and `evidence` (the consenting ones): photos the reporter
 * agreed may be used (the report's, then those sent with the family's answers), documents and voice
 * recordings of the reports and of the answers (each with the newest transcript a reviewer kept, or
 * in English its English translation), and every source report.
 */
export function annexOf(L: DocumentLanguage, dossier: Dossier, evidence: CaseEvidence): DraftAnnex {
  const consented = new Set(
    evidence.reports.filter(({ report }) => report.consent.photograph).map(({ reportId }) => reportId),
  );
  const reportPhotos = dossier.photos
    .filter((item) => item.consented)
    .map((item) => ({
      caption: capitalised(
        item.injuryNumber === null
          ? L.t("dossier.photos.notTied")
          : L.t("dossier.facts.injuryN", { n: L.number(item.injuryNumber) }),
      ),
      sha256: item.photo.originalSha256,
      sentSha256: item.photo.downscaled ? item.photo.sealedSha256 : null,
      reportNumber: item.reportNumber,
      takenAt: item.photo.capturedAt,
      received: item.received,
      withdrawn: item.withdrawn,
    }));
  const answerPhotos = evidence.answers
    .filter(({ reportId }) => consented.has(reportId))
    .flatMap(({ answer, reportNumber }) =>
      (answer.media?.photos ?? []).map((photo) => ({
        caption: capitalised(L.t("dossier.annex.answerPhoto")),
        sha256: photo.originalSha256,
        sentSha256: photo.downscaled ? photo.sealedSha256 : null,
        reportNumber,
        takenAt: photo.capturedAt,
        received: null,
      })),
    );
  return {
    photos: [...reportPhotos, ...answerPhotos].map((photo, index) => ({ number: index + 1, ...photo })),
    documents: evidence.documents.map(({ document, reportNumber, answerId }, index) => ({
      number: index + 1,
      type: L.t(`appeal.documentType.${document.type ?? "other"}`),
      caption: document.caption?.trim() || null,
      pages: document.pages.length,
      sha256s: [...document.pages.map((page) => page.originalSha256), ...(document.pdf ? [document.pdf.sha256] : [])],
      reportNumber,
      fromAnswer: answerId !== null,
    })),
    voice: evidence.voice.map(({ voice, reportNumber, answerId, transcripts }, index) => ({
      number: index + 1,
      durationMs: voice.durationMs,
      sha256: voice.sha256,
      transcript: transcriptsFor(L, transcripts)[0]?.text ?? null,
      reportNumber,
      fromAnswer: answerId !== null,
    })),
    sources: dossier.sources.map(({ reportNumber, receivedAt, sha256 }) => ({ reportNumber, receivedAt, sha256 })),
  };
}

/** Each addressee's annex: from the reports whose reporter consented to share with it, as its draft. */
export function draftAnnexes(L: DocumentLanguage, input: DossierInput): Record<Addressee, DraftAnnex> {
  const of = (addressee: Addressee): DraftAnnex => {
    const agreed = consenting(input, addressee);
    return annexOf(L, buildDossier(agreed), evidenceOf(agreed));
  };
  return { prosecutor: of("prosecutor"), un: of("un") };
}

/** A table cell's lines; a hash is set apart (small, fixed-width, not spell-checked). */
export type AnnexCell = { text: string; hash?: true }[];
/** A column's heading and its share of the width. */
export type AnnexColumn = [title: string, weight: number];
export interface AnnexTable {
  title: string;
  columns: AnnexColumn[];
  rows: AnnexCell[][];
}
const plain = (text: string | null, L: DocumentLanguage): AnnexCell => [{ text: text ?? L.t("dossier.doc.notKnown") }];
const hashes = (...values: string[]): AnnexCell => values.map((text) => ({ text, hash: true }));

/** The annex's tables in `L`'s words: photos, documents, voice recordings (those there are), source reports. */
export function annexTables(L: DocumentLanguage, annex: DraftAnnex): AnnexTable[] {
  const a = (key: string): string => L.t(`dossier.annex.${key}`);
  const report = (n: number, fromAnswer = false): string =>
    L.t(fromAnswer ? "dossier.questions.fromAnswer" : "dossier.doc.reportN", { n });
  const yesNo = (value: boolean | null): string | null =>
    value === null ? null : L.t(`dossier.answers.${value ? "yes" : "no"}`);

  const parts: AnnexTable[] = [];
  if (annex.photos.length > 0) {
    parts.push({
      title: a("photos"),
      columns: [
        ["№", 9],
        [a("caption"), 34],
        [a("report"), 24],
        [a("taken"), 30],
        [a("received"), 18],
        ["SHA-256", 60],
      ],
      rows: annex.photos.map((photo) => [
        plain(String(photo.number), L),
        plain(photo.caption, L),
        plain(report(photo.reportNumber), L),
        plain(L.instant(photo.takenAt), L),
        plain(photo.withdrawn === true ? a("withdrawn") : yesNo(photo.received), L),
        photo.sentSha256 === null
          ? hashes(photo.sha256)
          : [
              { text: `${a("original")}:` },
              ...hashes(photo.sha256),
              { text: `${a("sent")}:` },
              ...hashes(photo.sentSha256),
            ],
      ]),
    });
  }
  if (annex.documents.length > 0) {
    parts.push({
      title: a("documents"),
      columns: [
        ["№", 9],
        [a("type"), 34],
        [a("caption"), 34],
        [a("pages"), 14],
        [a("report"), 24],
        ["SHA-256", 60],
      ],
      rows: annex.documents.map((document) => [
        plain(String(document.number), L),
        plain(document.type, L),
        plain(document.caption, L),
        plain(L.number(document.pages), L),
        plain(report(document.reportNumber, document.fromAnswer), L),
        hashes(...document.sha256s),
      ]),
    });
  }
  if (annex.voice.length > 0) {
    parts.push({
      title: a("voice"),
      columns: [
        ["№", 9],
        [a("report"), 24],
        [a("duration"), 20],
        ["SHA-256", 60],
        [a("transcript"), 62],
      ],
      rows: annex.voice.map((voice) => [
        plain(String(voice.number), L),
        plain(report(voice.reportNumber, voice.fromAnswer), L),
        plain(durationText(voice.durationMs), L),
        hashes(voice.sha256),
        plain(voice.transcript ?? a("noTranscript"), L),
      ]),
    });
  }
  if (annex.sources.length > 0) {
    parts.push({
      title: a("sources"),
      columns: [
        [a("report"), 40],
        [a("receivedAt"), 60],
        [a("receipt"), 75],
      ],
      rows: annex.sources.map((source) => [
        plain(report(source.reportNumber), L),
        plain(L.instant(source.receivedAt), L),
        hashes(source.sha256),
      ]),
    });
  }
  return parts;
}
