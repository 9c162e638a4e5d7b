/** Adding a transcript or a translation to a recording: a note sealed to the verified list (./mediaNote.ts). */
import { useState } from "preact/hooks";

import { Field } from "../components/Field";
import { Problem } from "../components/Problem";
import { useConsole } from "../context";
import { t } from "../i18n";
import { sealText } from "../sealed/text";
import { mediaNoteText, type MediaNote, type MediaNoteKind } from "./mediaNote";

interface Props {
  reportId: string;
  attachmentId: string;
  onAdded: (note: MediaNote) => void;
}

export function TranscriptForm({ reportId, attachmentId, onAdded }: Props) {
  const { api, recipientList } = useConsole();
  const [kind, setKind] = useState<MediaNoteKind>("transcript");
  const [language, setLanguage] = useState("ru");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const note = { about: { attachmentId }, kind, language: language.trim(), text: text.trim() };
      await api.addNote(reportId, await sealText(mediaNoteText(note), await recipientList()));
      onAdded({ format: "kua.note", version: 1, ...note });
      setText("");
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="transcript-form" onSubmit={(event) => void add(event)}>
      <label>
        {t("media.transcript.kind")}{" "}
        <select
          value={kind}
          onChange={(event) => setKind(event.currentTarget.value as MediaNoteKind)}
          data-testid="voice-transcript-kind"
        >
          <option value="transcript">{t("media.transcript.kinds.transcript")}</option>
          <option value="translation">{t("media.transcript.kinds.translation")}</option>
        </select>
      </label>
      <Field
        label={t("media.transcript.language")}
        value={language}
        onInput={setLanguage}
        testid="voice-transcript-language"
      />
      <Field
        label={t("media.transcript.text")}
        multiline
        value={text}
        onInput={setText}
        testid="voice-transcript-text"
      />
      <button
        type="submit"
        class="primary"
        disabled={busy || text.trim() === "" || language.trim() === ""}
        data-testid="voice-transcript-add"
      >
        {busy ? t("console.working") : t("media.transcript.add")}
      </button>
      <Problem error={problem} />
    </form>
  );
}
