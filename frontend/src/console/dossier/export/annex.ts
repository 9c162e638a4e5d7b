/**
 * A draft's annex as plain data: the files a lawyer attaches to the appeal (photos, documents, voice
 * recordings) and the source reports, each with the SHA-256 that lets anyone check the file was not
 * changed since the phone sent it. Built from the dossier of the reports that may go to the draft's
 * addressee (dossier.ts, `consenting`), so it names nothing the draft leaves out; the Word export
 * (docx.ts) and the single-draft print (DraftExport.tsx) lay it out. Times stay as the phone or the
 * server gave them (RFC 3339); captions are in the document's language.
 */
import type { Dossier } from "../dossier";
import type { DocumentLanguage } from "../language";

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
  /** Whether the server holds its completed upload. */
  received: boolean;
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
}

export interface AnnexVoice {
  number: number;
  durationMs: number;
  sha256: string;
  /** A reviewer's transcript, when there is one. */
  transcript: string | null;
  reportNumber: number;
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
 * The annex of a draft built from `dossier` (the consenting one): photos the reporter agreed may be
 * used, and every source report. Documents and voice recordings are not in the Dossier yet: empty.
 */
export function annexOf(L: DocumentLanguage, dossier: Dossier): DraftAnnex {
  const photos = dossier.photos
    .filter((item) => item.consented)
    .map((item, index) => ({
      number: index + 1,
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
    }));
  return {
    photos,
    documents: [],
    voice: [],
    sources: dossier.sources.map(({ reportNumber, receivedAt, sha256 }) => ({ reportNumber, receivedAt, sha256 })),
  };
}
