/**
 * Creating this browser's key: a new post-quantum identity, or an identity file the reviewer
 * already has (`kua keys reviewer-new`, sealed or plain); either way stored sealed with the chosen
 * passphrase (age scrypt), kept unlocked for this session, and its recipient sent to the server.
 */
import { useState } from "preact/hooks";

import { useConsole } from "../context";
import { t } from "../i18n";
import { generateKeyPair, openIdentityFile, sealIdentity, type KeyPair } from "../keys/identity";
import { saveIdentity, type StoredIdentity } from "../keys/store";
import { MIN_PASSPHRASE_LENGTH } from "../screens/accountRules";
import { NewSecretFields, secretAccepted } from "./NewSecret";
import { Field } from "./Field";
import { Problem } from "./Problem";

/** Lets the browser paint "working" before scrypt (synchronous, about a second) runs. */
const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));

export function KeySetup({ onStored }: { onStored: (record: StoredIdentity) => void }) {
  const { api, db, keyring, reviewer, onReviewer } = useConsole();
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [filePassphrase, setFilePassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const ready = secretAccepted(passphrase, repeat, MIN_PASSPHRASE_LENGTH) && !busy;

  const keep = async (makePair: () => Promise<KeyPair>): Promise<void> => {
    setBusy(true);
    setProblem(null);
    await nextFrame();
    try {
      const pair = await makePair();
      const createdAt = new Date();
      const sealed = await sealIdentity(pair, passphrase, { comment: `Kua reviewer ${reviewer.name}`, createdAt });
      const record: StoredIdentity = {
        reviewerId: reviewer.id,
        recipient: pair.recipient,
        sealed,
        createdAt: createdAt.toISOString(),
      };
      await saveIdentity(db, record);
      keyring.hold(pair);
      // The recipient goes to the server before the key screen shows (its own GET /me must not
      // overtake this PUT); if it cannot go now, the key screen offers to send it again.
      const published = await api.setRecipient(pair.recipient).catch(() => null);
      if (published !== null) onReviewer(published);
      onStored(record);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (): Promise<KeyPair> =>
    openIdentityFile(new Uint8Array(await file!.arrayBuffer()), filePassphrase);

  return (
    <>
      <h1>{t("keys.setupTitle")}</h1>
      <p>{t("keys.setupIntro")}</p>
      <p class="hint">{t("keys.setupReplaceWarning")}</p>
      <section class="card">
        <h2>{t("keys.passphraseTitle")}</h2>
        <NewSecretFields
          words={{
            label: t("keys.passphrase"),
            hint: t("keys.passphraseHint"),
            repeat: t("keys.passphraseRepeat"),
            tooShort: t("keys.passphraseShort"),
            mismatch: t("keys.passphraseMismatch"),
          }}
          min={MIN_PASSPHRASE_LENGTH}
          value={passphrase}
          repeat={repeat}
          onValue={setPassphrase}
          onRepeat={setRepeat}
          testid="key-passphrase"
          repeatTestId="key-passphrase-repeat"
        />
      </section>
      <section class="card">
        <h2>{t("keys.generateTitle")}</h2>
        <p>{t("keys.generateHint")}</p>
        <button
          type="button"
          class="primary"
          disabled={!ready}
          data-testid="key-generate"
          onClick={() => void keep(() => generateKeyPair("pq"))}
        >
          {busy ? t("keys.working") : t("keys.generate")}
        </button>
      </section>
      <section class="card">
        <h2>{t("keys.importTitle")}</h2>
        <p>{t("keys.importHint")}</p>
        <div class="field">
          <label for="key-import-file">{t("keys.importFile")}</label>
          <input
            id="key-import-file"
            type="file"
            data-testid="key-import-file"
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <Field
          label={t("keys.importPassphrase")}
          hint={t("keys.importPassphraseHint")}
          type="password"
          value={filePassphrase}
          onInput={setFilePassphrase}
          testid="key-import-passphrase"
        />
        <button
          type="button"
          class="secondary"
          disabled={!ready || file === null}
          data-testid="key-import"
          onClick={() => void keep(importFile)}
        >
          {busy ? t("keys.working") : t("keys.import")}
        </button>
      </section>
      <Problem error={problem} />
    </>
  );
}
