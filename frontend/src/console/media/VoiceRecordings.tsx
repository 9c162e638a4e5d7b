/**
 * The report's "Voice recordings" section: one player per recording, with the transcripts and
 * translations found among the report's notes (the notes list leaves those out).
 */
import { useEffect, useState } from "preact/hooks";

import type { AttachmentMeta } from "../apiTypes";
import { useConsole } from "../context";
import { t } from "../i18n";
import { openText } from "../sealed/text";
import type { ReportV2 } from "../../shared/report/v2";
import { readMediaNote, type MediaNote } from "./mediaNote";
import { VoicePlayer } from "./VoicePlayer";

export function VoiceRecordings({
  report,
  attachments,
}: {
  /** A report, or a follow-up answer's recordings with its report id and device key (components/AnswerMedia.tsx). */
  report: Pick<ReportV2, "reportId" | "voice" | "device">;
  attachments: readonly AttachmentMeta[];
}) {
  const { api, keyring } = useConsole();
  const [notes, setNotes] = useState<MediaNote[]>([]);
  const voice = report.voice ?? [];

  useEffect(() => {
    if (voice.length === 0) return;
    let gone = false;
    api
      .notes(report.reportId)
      .then((list) => Promise.all(list.map((note) => openText(note.ciphertext, keyring.identity()).catch(() => ""))))
      .then(
        (texts) => !gone && setNotes(texts.map(readMediaNote).filter((note): note is MediaNote => note !== null)),
        () => undefined,
      );
    return () => {
      gone = true;
    };
  }, [report.reportId, voice.length]);

  if (voice.length === 0) return null;
  const received = new Set(attachments.filter((a) => a.received).map((a) => a.attachment_id));
  return (
    <section class="section" data-testid="voice-recordings">
      <h2>{t("media.voice.title")}</h2>
      {voice.map((ref) => (
        <VoicePlayer
          key={ref.attachmentId}
          reportId={report.reportId}
          voice={ref}
          device={report.device}
          received={received.has(ref.attachmentId)}
          transcripts={notes.filter((note) => note.about.attachmentId === ref.attachmentId)}
          onTranscript={(note) => setNotes((list) => [...list, note])}
        />
      ))}
    </section>
  );
}
