/** The reviewer's opt-in to a content-free push when new reports arrive (./consolePush.ts). */
import { useEffect, useMemo, useState } from "preact/hooks";

import { useConsole } from "../context";
import { t } from "../i18n";
import { browserPush, pushState, turnOff, turnOn, type PushState } from "./consolePush";
import { reviewPushServer } from "./server";

export function PushToggle() {
  const { api } = useConsole();
  const browser = useMemo(browserPush, []);
  const server = useMemo(() => reviewPushServer(api), [api]);
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    pushState(browser).then(
      (current) => live && setState(current),
      () => live && setState("unsupported"),
    );
    return () => {
      live = false;
    };
  }, [browser]);

  const toggle = async (on: boolean): Promise<void> => {
    setBusy(true);
    try {
      setState(on ? await turnOn(browser, server, t("push.notification")) : await turnOff(browser, server));
    } finally {
      setBusy(false);
    }
  };

  const shown = state ?? "off";
  return (
    <section class="card">
      <h2>{t("push.title")}</h2>
      <p>{t("push.explain")}</p>
      <label>
        <input
          type="checkbox"
          data-testid="push-toggle"
          checked={state === "on"}
          disabled={busy || state === null || state === "unsupported"}
          onChange={(event) => void toggle(event.currentTarget.checked)}
        />{" "}
        {t("push.label")}
      </label>
      <p class="hint" role="status" data-testid="push-state" data-state={shown}>
        {t(`push.state.${shown}`)}
      </p>
    </section>
  );
}
