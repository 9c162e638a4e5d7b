/**
 * A transcript or translation of a recording, kept as a reviewer's note (the notes API, sealed to the
 * recipient list like any note) with a structured plaintext, so the server learns nothing new and
 * needs no new route. The console shows such a note under its recording, not as a loose note
 * (docs/media.md, "Transcripts and translations").
 */
export const MEDIA_NOTE_FORMAT = "kua.note";

export type MediaNoteKind = "transcript" | "translation";

export interface MediaNote {
  format: typeof MEDIA_NOTE_FORMAT;
  version: 1;
  about: { attachmentId: string };
  kind: MediaNoteKind;
  /** BCP 47 tag of the text's language ("ru", "kk", "dng" for Dungan...), free text. */
  language: string;
  text: string;
}

/** The note's plaintext for `note`. */
export function mediaNoteText(note: Omit<MediaNote, "format" | "version">): string {
  return JSON.stringify({ format: MEDIA_NOTE_FORMAT, version: 1, ...note });
}

/** The media note a note's plaintext holds, or null for an ordinary note (any other text). */
export function readMediaNote(text: string): MediaNote | null {
  if (!text.startsWith("{")) return null;
  try {
    const value = JSON.parse(text) as Partial<MediaNote>;
    const ok =
      value.format === MEDIA_NOTE_FORMAT &&
      value.version === 1 &&
      typeof value.about?.attachmentId === "string" &&
      (value.kind === "transcript" || value.kind === "translation") &&
      typeof value.language === "string" &&
      typeof value.text === "string";
    return ok ? (value as MediaNote) : null;
  } catch {
    return null;
  }
}
