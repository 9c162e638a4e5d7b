/** Opt-in: a content-free push when a report's status changes (src/reporter/outbox/notify.ts). */
import { useEffect, useState } from "preact/hooks";

import type { NotifyState } from "../engine/engine";
import { t } from "../i18n";
import { useEngine } from "../engine/context";
import { CheckField } from "./fields";

export function NotifyToggle() {
  const engine = useEngine();
  const [state, setState] = useState<NotifyState | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    engine.notifyState().then(
      (current) => live && setState(current),
      () => live && setState("unsupported"),
    );
    return () => {
      live = false;
    };
  }, [engine]);

  const toggle = async (on: boolean): Promise<void> => {
    setBusy(true);
    try {
      setState(await engine.setNotify(on));
    } catch {
      setState("failed");
    } finally {
      setBusy(false);
    }
  };

  if (state === null) return null;
  return (
    <section class="card">
      <CheckField
        label={t("myReports.notify")}
        hint={t("myReports.notifyHint")}
        checked={state === "on"}
        onChange={(on) => !busy && void toggle(on)}
        testid="my-reports-notify"
      />
      <p class="hint" role="status" data-testid="my-reports-notify-state" data-state={state}>
        {t(`myReports.notifyState.${state}`)}
      </p>
    </section>
  );
}
