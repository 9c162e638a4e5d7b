/** Unlocking the key for this session: the passphrase opens the sealed identity into memory only. */
import { useState } from "preact/hooks";

import { Field } from "../components/Field";
import { Problem } from "../components/Problem";
import { useConsole } from "../context";
import { t } from "../i18n";
import { WrongPassphraseError } from "../keys/identity";
import type { StoredIdentity } from "../keys/store";

interface Props {
  stored: StoredIdentity;
  onUnlocked: () => void;
  onReplace: () => void;
}

export function Unlock({ stored, onUnlocked, onReplace }: Props) {
  const { keyring } = useConsole();
  const [passphrase, setPassphrase] = useState("");
  const [state, setState] = useState<"idle" | "working" | "wrong">("idle");
  const [problem, setProblem] = useState<unknown>(null);
  const [replacing, setReplacing] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setState("working");
    setProblem(null);
    await new Promise((resolve) => setTimeout(resolve, 30)); // paint "working" before scrypt
    try {
      await keyring.unlock(stored, passphrase);
      setPassphrase("");
      onUnlocked();
    } catch (error) {
      setPassphrase("");
      if (error instanceof WrongPassphraseError) setState("wrong");
      else {
        setState("idle");
        setProblem(error);
      }
    }
  };

  return (
    <section class="narrow">
      <h1>{t("unlock.title")}</h1>
      <p>{t("unlock.hint")}</p>
      <form class="card" onSubmit={(event) => void submit(event)}>
        <Field
          label={t("unlock.passphrase")}
          type="password"
          autoComplete="off"
          value={passphrase}
          onInput={setPassphrase}
          invalid={state === "wrong"}
          testid="unlock-passphrase"
        />
        {state === "wrong" && (
          <p class="problem" role="alert" data-testid="unlock-wrong">
            {t("unlock.wrong")}
          </p>
        )}
        <Problem error={problem} />
        <button
          type="submit"
          class="primary"
          disabled={passphrase === "" || state === "working"}
          data-testid="unlock-submit"
        >
          {state === "working" ? t("keys.working") : t("unlock.submit")}
        </button>
      </form>
      <details open={replacing} onToggle={(event) => setReplacing(event.currentTarget.open)}>
        <summary>{t("unlock.forgot")}</summary>
        <p>{t("unlock.replaceWarning")}</p>
        <button type="button" class="secondary danger" data-testid="unlock-replace" onClick={onReplace}>
          {t("unlock.replace")}
        </button>
      </details>
    </section>
  );
}
