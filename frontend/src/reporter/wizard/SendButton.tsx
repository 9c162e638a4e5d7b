/**
 * The review's Send button. It keeps its own "sending" state so that a tap re-renders the button only:
 * re-rendering the whole review (the report's summary) at 6x CPU took 50-120 ms, and it ran before the
 * report's PUT could start.
 */
import { useState } from "preact/hooks";

import { t } from "../i18n";

interface Props {
  /** Sends; null when nothing is sent (something is missing). Resolves when sending failed or ended. */
  onSend: () => Promise<void> | null;
}

export function SendButton({ onSend }: Props) {
  const [sending, setSending] = useState(false);
  const tap = (): void => {
    const sent = onSend();
    if (sent === null) return;
    setSending(true);
    // On success the wizard closes; on failure the relative may try again.
    void sent.finally(() => setSending(false));
  };
  return (
    <button type="button" class="primary" onClick={tap} disabled={sending} data-testid="step-send">
      {sending ? t("wizard.sending") : t("wizard.send")}
    </button>
  );
}
