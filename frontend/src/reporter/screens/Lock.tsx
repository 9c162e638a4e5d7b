/**
 * Shown when a PIN is set and not entered in this session (or after auto-lock, or a quick exit): it
 * shows nothing of the family's reports (no drafts, outbox, receipts, counts or questions) to
 * whoever holds the phone. The outbox still sends without the PIN. A new report and a "happening
 * now" report can be started without the PIN: what is typed is sealed to the owner key
 * (src/reporter/store/ownerKey.ts), and its owner sees it again only after the PIN.
 */
import { useId, useState } from "preact/hooks";

import { t } from "../i18n";
import { Heading } from "../components/Heading";
import { LanguageSelect } from "../components/LanguageSelect";
import { useEngine } from "../engine/context";
import { StartButtons } from "../components/StartButtons";
import type { HomeNotice } from "./Home";

interface Props {
  /** "submitted" right after a report was sent from here; nothing else is ever shown. */
  notice: HomeNotice | null;
  onNewReport: (happeningNow: boolean) => void;
  onUnlocked: () => void;
  onSettings: () => void;
  onLanguage: (tag: string) => void;
}

export function Lock({ notice, onNewReport, onUnlocked, onSettings, onLanguage }: Props) {
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
    <div data-testid="lock-screen">
      <Heading>{t("lock.title")}</Heading>
      {notice && (
        <p class="notice" role="status">
          {t("home.submitted")}
        </p>
      )}
      <StartButtons onNewReport={onNewReport} />
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
      <div class="home-footer">
        <LanguageSelect onChange={onLanguage} />
        <button type="button" class="secondary" onClick={onSettings} data-testid="settings">
          {t("app.settings")}
        </button>
      </div>
    </div>
  );
}
