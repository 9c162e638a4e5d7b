/** Settings: language, PIN / passphrase, and deleting everything on this phone. */
import type { LockState, OutboxItemView } from "../engine/engine";
import { useEngine } from "../engine/context";
import { t } from "../i18n";
import { Heading } from "../components/Heading";
import { LanguageSelect } from "../components/LanguageSelect";
import { AutoLockSettings } from "./AutoLockSettings";
import { DuressSettings } from "./DuressSettings";
import { PinSettings } from "./PinSettings";
import { WipeSettings } from "./WipeSettings";

interface Props {
  lock: LockState;
  outbox: OutboxItemView[];
  onLanguage: (tag: string) => void;
  onLockChanged: () => void;
  /** A PIN was saved: the screen that asked for one takes over again. */
  onPinSaved?: (() => void) | undefined;
  onWipe: () => void;
}

export function Settings({ lock, outbox, onLanguage, onLockChanged, onPinSaved, onWipe }: Props) {
  // Kept nowhere, a PIN would guard nothing past this page and be gone with it: said instead of offered.
  const keepsNothing = useEngine().keepsNothing === true;
  return (
    <>
      <Heading>{t("settings.title")}</Heading>
      <section class="card" aria-labelledby="language-title">
        <h2 id="language-title">{t("settings.languageTitle")}</h2>
        <LanguageSelect onChange={onLanguage} />
      </section>
      {keepsNothing ? (
        <p class="hint" data-testid="pin-unavailable">
          {t("nothingKept.noPin")}
        </p>
      ) : (
        <PinSettings lock={lock} onChanged={onLockChanged} onSaved={onPinSaved} />
      )}
      {lock === "unlocked" && !keepsNothing && <AutoLockSettings />}
      {lock === "unlocked" && !keepsNothing && <DuressSettings />}
      <WipeSettings outbox={outbox} onWipe={onWipe} />
    </>
  );
}
