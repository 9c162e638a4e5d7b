/**
 * Setting or changing the PIN / passphrase, with an honest account of what a short PIN protects
 * against (a curious person holding the phone) and what it does not (a forensic lab, coercion).
 */
import { useId, useState } from "preact/hooks";

import type { LockState } from "../engine/engine";
import { t } from "../i18n";
import { RadioGroup } from "../components/fields";
import { useEngine } from "../engine/context";

type Kind = "pin" | "passphrase";
type Problem = "errorPinDigits" | "errorPassphraseShort" | "errorMismatch" | "errorFailed";

function problemWith(kind: Kind, first: string, second: string): Problem | null {
  if (kind === "pin" && !/^\d{4,6}$/.test(first)) return "errorPinDigits";
  if (kind === "passphrase" && [...first.trim()].length < 8) return "errorPassphraseShort";
  if (first !== second) return "errorMismatch";
  return null;
}

function SecretInput({
  id,
  label,
  value,
  onInput,
  numeric,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  numeric: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="secret"
        type="text"
        inputMode={numeric ? "numeric" : "text"}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
      />
    </div>
  );
}

export function PinSettings({
  lock,
  onChanged,
  onSaved,
}: {
  lock: LockState;
  onChanged: () => void;
  onSaved?: (() => void) | undefined;
}) {
  const engine = useEngine();
  const id = useId();
  const [kind, setKind] = useState<Kind>("pin");
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [state, setState] = useState<"idle" | "saving" | "saved" | Problem>("idle");

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    const problem = problemWith(kind, first, second);
    if (problem) {
      setState(problem);
      return;
    }
    setState("saving");
    try {
      await engine.setPin(kind === "passphrase" ? first.trim() : first);
      setFirst("");
      setSecond("");
      setState("saved");
      onChanged();
      onSaved?.();
    } catch {
      setState("errorFailed");
    }
  };

  const status =
    state === "saving"
      ? t("settings.saving")
      : state === "saved"
        ? t("settings.pinSaved")
        : state === "idle"
          ? ""
          : t(`settings.${state}`);
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("settings.pinTitle")}</h2>
      <p>{t("settings.pinShort")}</p>
      {/* The honest limits, one tap away: an elderly reader is not faced with a lecture first. */}
      <details class="pin-limits">
        <summary>{t("settings.pinMore")}</summary>
        <p>{t("settings.pinLimits")}</p>
        <p>{t("settings.pinReceipts")}</p>
      </details>
      {lock !== "no_pin" && <p class="notice">{t("settings.pinIsSet")}</p>}
      {lock === "locked" ? (
        <p class="warning">{t("settings.unlockFirst")}</p>
      ) : (
        <form class="pin-form" onSubmit={(event) => void save(event)} autoComplete="off">
          <h3>{lock === "no_pin" ? t("settings.pinTitle") : t("settings.changePin")}</h3>
          <RadioGroup
            legend={t("settings.pinKind")}
            value={kind}
            options={[
              { value: "pin", label: t("settings.kindPin") },
              { value: "passphrase", label: t("settings.kindPassphrase") },
            ]}
            onChange={(k) => {
              setKind(k);
              setState("idle");
            }}
          />
          <SecretInput
            id={`${id}-new`}
            label={kind === "pin" ? t("settings.newPin") : t("settings.newPassphrase")}
            value={first}
            onInput={setFirst}
            numeric={kind === "pin"}
          />
          <SecretInput
            id={`${id}-repeat`}
            label={t("settings.repeat")}
            value={second}
            onInput={setSecond}
            numeric={kind === "pin"}
          />
          <p class="status" role="status">
            {status}
          </p>
          <button type="submit" class="primary" disabled={state === "saving"}>
            {t("settings.setPin")}
          </button>
        </form>
      )}
    </section>
  );
}
