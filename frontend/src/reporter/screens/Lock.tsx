/**
 * Shown when a PIN is set and not entered in this session: drafts need the PIN, but the outbox
 * still sends without it.
 */
import { useId, useState } from "preact/hooks";

import type { OutboxItemView } from "../engine/engine";
import { t } from "../i18n";
import { Heading } from "../components/Heading";
import { LanguageSelect } from "../components/LanguageSelect";
import { OutboxPending, Receipts } from "../components/Outbox";
import { useEngine } from "../engine/context";

interface Props {
  outbox: OutboxItemView[];
  onUnlocked: () => void;
  onSettings: () => void;
  onLanguage: (tag: string) => void;
}

export function Lock({ outbox, onUnlocked, onSettings, onLanguage }: Props) {
  const engine = useEngine();
  const id = useId();
  const [pin, setPin] = useState("");
  const [state, setState] = useState<"idle" | "checking" | "wrong">("idle");

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setState("checking");
    const ok = await engine.unlock(pin).catch(() => false);
    setPin("");
    if (ok) onUnlocked();
    else setState("wrong");
  };

  return (
    <>
      <Heading>{t("lock.title")}</Heading>
      <p>{t("lock.hint")}</p>
      <form class="pin-form" onSubmit={(event) => void submit(event)} autoComplete="off">
        <div class="field">
          <label for={id}>{t("lock.pin")}</label>
          <input
            id={id}
            class="secret"
            type="text"
            value={pin}
            onInput={(event) => setPin(event.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            aria-invalid={state === "wrong"}
            aria-describedby={`${id}-status`}
          />
        </div>
        <p class="status" id={`${id}-status`} role="status">
          {state === "wrong" ? t("lock.wrong") : state === "checking" ? t("lock.checking") : ""}
        </p>
        <button type="submit" class="primary" disabled={pin === "" || state === "checking"}>
          {t("lock.unlock")}
        </button>
      </form>
      <OutboxPending items={outbox} onSendNow={() => engine.sendNow()} />
      <Receipts items={outbox} />
      <div class="home-footer">
        <LanguageSelect onChange={onLanguage} />
        <button type="button" class="secondary" onClick={onSettings} data-testid="settings">
          {t("app.settings")}
        </button>
      </div>
    </>
  );
}
