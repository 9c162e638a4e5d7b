/** With a PIN set: how long the app may stay in the background before it locks itself. */
import { useEffect, useState } from "preact/hooks";

import { t } from "../i18n";
import { SelectField } from "../components/fields";
import { useEngine } from "../engine/context";
import { AUTO_LOCK_CHOICES } from "../safety/autoLock";

type Choice = `${(typeof AUTO_LOCK_CHOICES)[number]}`;

export function AutoLockSettings() {
  const engine = useEngine();
  const [seconds, setSeconds] = useState<Choice | null>(null);
  useEffect(() => {
    engine.autoLockSeconds().then(
      (value) => setSeconds(String(value) as Choice),
      () => setSeconds(null),
    );
  }, [engine]);

  const choose = (value: Choice | null): void => {
    if (value === null) return;
    setSeconds(value);
    void engine.setAutoLockSeconds(Number(value));
  };
  return (
    <section class="card" aria-labelledby="auto-lock-title">
      <h2 id="auto-lock-title">{t("settings.autoLockTitle")}</h2>
      <SelectField
        label={t("settings.autoLockAfter")}
        hint={t("settings.autoLockHint")}
        value={seconds}
        options={AUTO_LOCK_CHOICES.map((choice) => ({
          value: String(choice) as Choice,
          label: t(`settings.autoLock.${choice}`),
        }))}
        onChange={choose}
        testid="auto-lock"
      />
    </section>
  );
}
