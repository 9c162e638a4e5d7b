/**
 * Reviewers' notes on a report: each an age file sealed in the browser to the verified recipient
 * list (never to a list the server merely serves), listed opened with the unlocked key.
 */
import { useEffect, useState } from "preact/hooks";

import type { Note } from "../apiTypes";
import { reviewerName, useConsole, useKnownReviewers } from "../context";
import { fmtInstant, t } from "../i18n";
import { readMediaNote } from "../media/mediaNote";
import { openText, sealText } from "../sealed/text";
import { Field } from "./Field";
import { Problem } from "./Problem";

interface OpenNote {
  note: Note;
  text: string | null;
}

export function Notes({ reportId }: { reportId: string }) {
  const { api, keyring, reviewers, reviewer, recipientList } = useConsole();
  const [notes, setNotes] = useState<OpenNote[] | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [notListed, setNotListed] = useState(false);
  useKnownReviewers(notes?.map(({ note }) => note.author_id) ?? []);

  const opened = async (note: Note): Promise<OpenNote> => {
    try {
      return { note, text: await openText(note.ciphertext, keyring.identity()) };
    } catch {
      return { note, text: null };
    }
  };

  useEffect(() => {
    let gone = false;
    api
      .notes(reportId)
      .then((list) => Promise.all(list.map(opened)))
      // Transcripts and translations show under their recording (src/console/media/).
      .then((list) => list.filter(({ text: body }) => body === null || readMediaNote(body) === null))
      .then(
        (list) => !gone && setNotes(list),
        (error: unknown) => !gone && setProblem(error),
      );
    recipientList().then(
      (list) => !gone && setNotListed(!list.recipients.some((entry) => entry.recipient === reviewer.recipient)),
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [reportId]);

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const sealed = await sealText(text.trim(), await recipientList());
      const note = await api.addNote(reportId, sealed);
      setNotes((list) => [...(list ?? []), { note, text: text.trim() }]);
      setText("");
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{t("notes.title")}</h2>
      {notes === null && problem === null && <p class="muted">{t("console.loading")}</p>}
      {notes?.length === 0 && <p class="muted">{t("notes.none")}</p>}
      <ol class="notes">
        {notes?.map(({ note, text: body }) => (
          <li key={note.note_id} class="note" data-testid="note-item" data-note-id={note.note_id}>
            <p class="note-meta">
              {reviewerName(reviewers, note.author_id)} · {fmtInstant(note.created_at)}
            </p>
            {body === null ? <p class="muted">{t("notes.unreadable")}</p> : <p class="words">{body}</p>}
          </li>
        ))}
      </ol>
      {notListed && (
        <p class="warning" data-testid="note-list-warning">
          {t("notes.notListed")}
        </p>
      )}
      <form onSubmit={(event) => void add(event)}>
        <Field
          label={t("notes.new")}
          hint={t("notes.newHint")}
          multiline
          value={text}
          onInput={setText}
          testid="note-text"
        />
        <button type="submit" class="primary" disabled={busy || text.trim() === ""} data-testid="note-add">
          {busy ? t("console.working") : t("notes.add")}
        </button>
      </form>
      <Problem error={problem} />
    </section>
  );
}
