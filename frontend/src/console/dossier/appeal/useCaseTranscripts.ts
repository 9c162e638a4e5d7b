/**
 * Reviewers' transcripts and translations of a case's recordings, for the drafts: each report's notes
 * listed and opened once when the dossier opens (as the report's page does); only media notes
 * (console/media/mediaNote.ts) are kept, ordinary notes stay out of the drafts.
 */
import { useEffect, useState } from "preact/hooks";

import type { Note } from "../../apiTypes";
import { useConsole } from "../../context";
import { readMediaNote } from "../../media/mediaNote";
import { openText } from "../../sealed/text";
import type { CaseTranscript } from "../dossier";

/** The media notes among a report's opened notes, as transcripts. */
export function transcriptsOf(
  reportId: string,
  notes: readonly { note: Note; text: string | null }[],
): CaseTranscript[] {
  return notes.flatMap(({ note, text }) => {
    const media = text === null ? null : readMediaNote(text);
    return media === null
      ? []
      : [
          {
            reportId,
            attachmentId: media.about.attachmentId,
            kind: media.kind,
            language: media.language,
            text: media.text,
            at: note.created_at,
          },
        ];
  });
}

/** The transcripts of `reportIds`' recordings, loaded once; a note this key cannot open is left out. */
export function useCaseTranscripts(reportIds: readonly string[]): CaseTranscript[] {
  const { api, keyring } = useConsole();
  const [transcripts, setTranscripts] = useState<CaseTranscript[]>([]);
  useEffect(() => {
    let gone = false;
    const load = async (reportId: string): Promise<CaseTranscript[]> => {
      const notes = await api.notes(reportId);
      const opened = await Promise.all(
        notes.map(async (note) => ({
          note,
          text: await openText(note.ciphertext, keyring.identity()).catch(() => null),
        })),
      );
      return transcriptsOf(reportId, opened);
    };
    Promise.all(reportIds.map((id) => load(id).catch(() => [])))
      .then((lists) => !gone && setTranscripts(lists.flat()))
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [reportIds.join(",")]);
  return transcripts;
}
