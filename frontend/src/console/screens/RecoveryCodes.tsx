/**
 * The ten one-time recovery codes, shown once: after accepting an invitation, and after asking for a new
 * set. The reviewer downloads or prints them, then says they are saved; nothing keeps them in the browser.
 */
import { useEffect, useMemo } from "preact/hooks";

import { AccountPage } from "../components/AccountPage";
import { t } from "../i18n";

interface Props {
  name: string;
  codes: string[];
  onSaved: () => void;
  onLanguage: (tag: string) => void;
}

/** The text file "Download as text" gives: a line saying what the codes are, then one code a line. */
export function recoveryCodesText(name: string, codes: string[]): string {
  return [t("recovery.fileHeader", { name }), "", ...codes, ""].join("\n");
}

export function RecoveryCodes({ name, codes, onSaved, onLanguage }: Props) {
  const fileUrl = useMemo(
    () => URL.createObjectURL(new Blob([recoveryCodesText(name, codes)], { type: "text/plain;charset=utf-8" })),
    [name, codes],
  );
  useEffect(() => () => URL.revokeObjectURL(fileUrl), [fileUrl]);

  return (
    <AccountPage title={t("recovery.title")} onLanguage={onLanguage}>
      <p>{t("recovery.hint")}</p>
      <ol class="card recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code class="secret-text" data-testid="recovery-code">
              {code}
            </code>
          </li>
        ))}
      </ol>
      <p class="hint">{t("recovery.keep")}</p>
      <p>
        <a class="button secondary" href={fileUrl} download="recovery-codes.txt" data-testid="recovery-download">
          {t("recovery.download")}
        </a>{" "}
        <button type="button" class="secondary" onClick={() => window.print()} data-testid="recovery-print">
          {t("recovery.print")}
        </button>
      </p>
      <button type="button" class="primary" onClick={onSaved} data-testid="recovery-saved">
        {t("recovery.saved")}
      </button>
    </AccountPage>
  );
}

/** After a sign-in with a recovery code: how many are left, and a new set on request. */
export function RecoveryCodesLeft({
  left,
  onRenew,
  onDismiss,
}: {
  left: number;
  onRenew: () => void;
  onDismiss: () => void;
}) {
  return (
    <section class="notice" role="status" data-testid="recovery-left" data-left={left}>
      <p>{t("recovery.left", { count: left })}</p>
      <p class="hint">{t("recovery.leftHint")}</p>
      <button type="button" class="primary" onClick={onRenew} data-testid="recovery-renew">
        {t("recovery.renew")}
      </button>{" "}
      <button type="button" class="link" onClick={onDismiss} data-testid="recovery-dismiss">
        {t("recovery.dismiss")}
      </button>
    </section>
  );
}
