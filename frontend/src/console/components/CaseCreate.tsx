/** A new case: its title sealed in the browser to the verified recipient list. */
import { useState } from "preact/hooks";

import type { OpenCase } from "../cases/book";
import { useConsole } from "../context";
import { t } from "../i18n";
import { Field } from "./Field";
import { Problem } from "./Problem";

export function CaseCreate({ onCreated }: { onCreated?: (created: OpenCase) => void }) {
  const { cases, recipientList } = useConsole();
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const create = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const created = await cases.create(title.trim(), await recipientList());
      setTitle("");
      onCreated?.(created);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="case-create" onSubmit={(event) => void create(event)}>
      <Field
        label={t("cases.newTitle")}
        hint={t("cases.newTitleHint")}
        value={title}
        onInput={setTitle}
        testid="case-title"
      />
      <button type="submit" class="secondary" disabled={busy || title.trim() === ""} data-testid="case-create">
        {t("cases.create")}
      </button>
      <Problem error={problem} />
    </form>
  );
}
