/** "Delete everything on this phone", behind a confirm step that says what will be lost. */
import { useId, useState } from "preact/hooks";

import type { OutboxItemView } from "../engine/engine";
import { t, tp } from "../i18n";
import { useEngine } from "../engine/context";

export function WipeSettings({ outbox, onWiped }: { outbox: OutboxItemView[]; onWiped: () => void }) {
  const engine = useEngine();
  const id = useId();
  const [state, setState] = useState<"idle" | "confirm" | "wiping" | "failed">("idle");
  const unsent = outbox.filter((item) => item.state !== "sent").length;

  const wipe = async (): Promise<void> => {
    setState("wiping");
    try {
      await engine.wipeEverything();
      onWiped();
    } catch {
      setState("failed");
    }
  };

  return (
    <section class="card danger-zone" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("settings.wipeTitle")}</h2>
      <p>{t("settings.wipeHint")}</p>
      {state === "idle" ? (
        <button type="button" class="danger" onClick={() => setState("confirm")} data-testid="wipe-everything">
          {t("settings.wipe")}
        </button>
      ) : (
        <div class="confirm" role="alertdialog" aria-labelledby={`${id}-question`}>
          <p id={`${id}-question`}>
            <strong>{t("settings.wipeConfirmQuestion")}</strong>
          </p>
          {unsent > 0 && <p class="warning">{tp("settings.wipeUnsent", unsent)}</p>}
          <div class="row">
            <button
              type="button"
              class="danger"
              onClick={() => void wipe()}
              disabled={state === "wiping"}
              data-testid="wipe-confirm"
            >
              {state === "wiping" ? t("settings.wiping") : t("settings.wipeConfirm")}
            </button>
            <button type="button" class="secondary" onClick={() => setState("idle")} disabled={state === "wiping"}>
              {t("home.cancel")}
            </button>
          </div>
          {state === "failed" && <p role="alert">{t("settings.wipeFailed")}</p>}
        </div>
      )}
    </section>
  );
}
