/**
 * Setting a duress PIN (optional): entered at the lock screen under coercion, it destroys everything
 * and opens an app that looks freshly installed. Nothing here says whether one is set: the form is
 * the same either way, and setting it again replaces it.
 */
import { useId, useState } from "preact/hooks";

import { t } from "../i18n";
import { useEngine } from "../engine/context";

type State = "idle" | "saving" | "saved" | "errorPinDigits" | "errorMismatch" | "errorSameAsPin" | "errorFailed";

export function DuressSettings() {
  const engine = useEngine();
  const id = useId();
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [state, setState] = useState<State>("idle");

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!/^\d{4,6}$/.test(first)) return setState("errorPinDigits");
    if (first !== second) return setState("errorMismatch");
    setState("saving");
    try {
      await engine.setDuressPin(first);
      setFirst("");
      setSecond("");
      setState("saved");
    } catch (error) {
      setState(error instanceof Error && error.name === "DuressSameAsPinError" ? "errorSameAsPin" : "errorFailed");
    }
  };
  const status =
    state === "idle"
      ? ""
      : state === "saving"
        ? t("settings.saving")
        : state === "saved"
          ? t("settings.duressSaved")
          : state === "errorSameAsPin"
            ? t("settings.duressSameAsPin")
            : t(`settings.${state}`);
  const field = (suffix: string, label: string, value: string, onInput: (v: string) => void) => (
    <div class="field">
      <label for={`${id}-${suffix}`}>{label}</label>
      <input
        id={`${id}-${suffix}`}
        class="secret"
        type="text"
        inputMode="numeric"
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
      />
    </div>
  );
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("settings.duressTitle")}</h2>
      <p>{t("settings.duressHint")}</p>
      <form class="pin-form" onSubmit={(event) => void save(event)} autoComplete="off" data-testid="duress-form">
        {field("new", t("settings.duressNew"), first, setFirst)}
        {field("repeat", t("settings.duressRepeat"), second, setSecond)}
        <p class="status" role="status">
          {status}
        </p>
        <button type="submit" class="secondary" disabled={state === "saving"}>
          {t("settings.duressSave")}
        </button>
      </form>
    </section>
  );
}
