/**
 * The key's state: the recipient, whether the newest published list names it (docs/review.md:
 * none -> pending -> listed, with the offline signing steps), and the backup file, the same
 * scrypt-sealed age file the browser stores, which `kua open -i BACKUP` reads.
 */
import { useEffect, useState } from "preact/hooks";

import { useConsole } from "../context";
import { t } from "../i18n";
import type { StoredIdentity } from "../keys/store";
import { Problem } from "./Problem";

export function KeyState({ stored, onDone }: { stored: StoredIdentity; onDone: () => void }) {
  const { api, keyring, reviewer, onReviewer } = useConsole();
  const [backupUrl, setBackupUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    const url = URL.createObjectURL(new Blob([stored.sealed], { type: "application/octet-stream" }));
    setBackupUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [stored]);

  useEffect(() => {
    api.me().then(onReviewer, () => undefined);
  }, []);

  const mismatch = reviewer.recipient !== null && reviewer.recipient !== stored.recipient;
  const state = reviewer.recipient === stored.recipient ? reviewer.recipient_state : "none";

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const publish = (): Promise<void> => run(async () => onReviewer(await api.setRecipient(stored.recipient)));
  const refresh = (): Promise<void> => run(async () => onReviewer(await api.me()));

  return (
    <>
      <h1>{t("keys.stateTitle")}</h1>
      <section class="card">
        <p class={`key-state state-${state}`} data-testid="key-state" data-state={state}>
          {t(`keys.state.${state}`)}
        </p>
        <p>{t(`keys.next.${state}`)}</p>
        {state === "pending" && (
          <pre class="commands">
            {
              "kua recipients pending\nkua recipients sign --root-key ROOT.key ... --recipient NAME=RECIPIENT ... --seq N --out list.json\nkua recipients publish list.json"
            }
          </pre>
        )}
        {mismatch && (
          <p class="warning" data-testid="key-mismatch">
            {t("keys.mismatch")}
          </p>
        )}
        <div class="row">
          {(state === "none" || mismatch) && (
            <button
              type="button"
              class="primary"
              disabled={busy}
              data-testid="key-publish"
              onClick={() => void publish()}
            >
              {t("keys.publish")}
            </button>
          )}
          <button
            type="button"
            class="secondary"
            disabled={busy}
            data-testid="key-refresh"
            onClick={() => void refresh()}
          >
            {t("keys.refresh")}
          </button>
        </div>
        <Problem error={problem} />
        <details>
          <summary>{t("keys.recipient")}</summary>
          <code class="secret-text" data-testid="key-recipient">
            {stored.recipient}
          </code>
        </details>
      </section>
      <section class="card">
        <h2>{t("keys.backupTitle")}</h2>
        <p>{t("keys.backupHint")}</p>
        <pre class="commands">{`kua open -i kua-reviewer-${reviewer.name}.age --passphrase-file PASSPHRASE --unpad < REPORT.age > report.json`}</pre>
        {backupUrl && (
          <a
            class="button secondary"
            href={backupUrl}
            download={`kua-reviewer-${reviewer.name}.age`}
            data-testid="key-backup"
          >
            {t("keys.backup")}
          </a>
        )}
      </section>
      {keyring.unlocked && (
        <button type="button" class="primary" data-testid="key-done" onClick={onDone}>
          {t("keys.toQueue")}
        </button>
      )}
    </>
  );
}
