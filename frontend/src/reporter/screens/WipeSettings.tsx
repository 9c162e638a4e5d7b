/**
 * "Delete everything on this phone", behind a confirm step that says what will be lost (unsent
 * reports) and what will not (reports already sent stay with the coalition). Confirming hands over
 * to `onWipe`, which replaces the whole app at once (src/reporter/screens/Wiped.tsx).
 */
import { useId, useState } from "preact/hooks";

import type { OutboxItemView } from "../engine/engine";
import { t, tp } from "../i18n";

export function WipeSettings({ outbox, onWipe }: { outbox: OutboxItemView[]; onWipe: () => void }) {
  const id = useId();
  const [state, setState] = useState<"idle" | "confirm">("idle");
  const unsent = outbox.filter((item) => item.state !== "sent").length;

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
          <p>{t("settings.wipeSentSafe")}</p>
          <div class="row">
            <button type="button" class="danger" onClick={onWipe} data-testid="wipe-confirm">
              {t("settings.wipeConfirm")}
            </button>
            <button type="button" class="secondary" onClick={() => setState("idle")}>
              {t("home.cancel")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
