/**
 * Accepting an invitation (the link `kua reviewers invite` printed): who it is for, a TOTP secret
 * to put in an authenticator app (a QR code to scan, and the secret as text to type), a password of at least 12
 * characters, and a first code that proves the app holds the secret.
 */
import { useEffect, useState } from "preact/hooks";

import type { ReviewApi } from "../api";
import type { Invitation as InvitationFacts, SignedIn, TotpEnrollment } from "../apiTypes";
import { AccountPage } from "../components/AccountPage";
import { Field } from "../components/Field";
import { NewSecretFields, secretAccepted } from "../components/NewSecret";
import { Problem } from "../components/Problem";
import { QrCode } from "../components/QrCode";
import { fmtInstant, t } from "../i18n";
import { MIN_PASSWORD_LENGTH, isTotpCode, passwordProblem } from "./accountRules";

interface Props {
  api: ReviewApi;
  token: string;
  onAccepted: (answer: SignedIn) => void;
  onLanguage: (tag: string) => void;
}

export function Invitation({ api, token, onAccepted, onLanguage }: Props) {
  const [facts, setFacts] = useState<InvitationFacts | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const [totp, setTotp] = useState<TotpEnrollment | null>(null);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    api.invitation(token).then(setFacts, setRefusal);
  }, [token]);

  const showTotp = async (): Promise<void> => {
    setProblem(null);
    try {
      setTotp(await api.invitationTotp(token));
      setCode("");
    } catch (error) {
      setProblem(error);
    }
  };

  const weakness = passwordProblem(password);
  const ready =
    totp !== null && secretAccepted(password, repeat, MIN_PASSWORD_LENGTH) && weakness === null && isTotpCode(code);

  const accept = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setProblem(null);
    try {
      onAccepted(await api.acceptInvitation(token, password, code.trim()));
    } catch (error) {
      setProblem(error);
      setBusy(false);
    }
  };

  return (
    <AccountPage title={t(facts?.recovers ? "invite.recoverTitle" : "invite.title")} onLanguage={onLanguage}>
      {refusal !== null && <Problem error={refusal} testid="invite-refused" />}
      {facts && (
        <>
          <p>
            {t("invite.for")} <strong data-testid="invite-name">{facts.name}</strong> ·{" "}
            <span data-testid="invite-role">{t(`roles.${facts.role}`)}</span>
          </p>
          <p class="hint">{t("invite.expires", { date: fmtInstant(facts.expires_at) })}</p>
          {facts.recovers && (
            <p class="notice" data-testid="invite-recovers">
              {t("invite.recoverHint")}
            </p>
          )}

          <section class="card">
            <h2>{t("invite.totpTitle")}</h2>
            <p>{t("invite.totpHint")}</p>
            {totp === null ? (
              <button type="button" class="secondary" data-testid="invite-totp-show" onClick={() => void showTotp()}>
                {t("invite.totpShow")}
              </button>
            ) : (
              <>
                <p class="label">{t("invite.totpScan")}</p>
                <QrCode text={totp.otpauth_uri} label={t("invite.totpQr")} testid="invite-totp-qr" />
                <p class="label">{t("invite.totpSecret")}</p>
                <p>
                  <code class="secret-text" data-testid="invite-totp-secret">
                    {totp.secret}
                  </code>
                </p>
                <p class="label">{t("invite.totpUri")}</p>
                <p>
                  <code class="secret-text" data-testid="invite-totp-uri">
                    {totp.otpauth_uri}
                  </code>
                </p>
                <button type="button" class="link" onClick={() => void showTotp()}>
                  {t("invite.totpAgain")}
                </button>
              </>
            )}
          </section>

          <form class="card" onSubmit={(event) => void accept(event)}>
            <h2>{t("invite.passwordTitle")}</h2>
            <NewSecretFields
              words={{
                label: t("invite.password"),
                hint: t("invite.passwordHint"),
                repeat: t("invite.passwordRepeat"),
                tooShort: t("invite.passwordShort"),
                mismatch: t("invite.passwordMismatch"),
              }}
              min={MIN_PASSWORD_LENGTH}
              problem={weakness === null || weakness === "password_too_short" ? null : t(`errors.${weakness}`)}
              value={password}
              repeat={repeat}
              onValue={setPassword}
              onRepeat={setRepeat}
              testid="invite-password"
              repeatTestId="invite-password-repeat"
            />
            <Field
              label={t("invite.code")}
              hint={t("invite.codeHint")}
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onInput={setCode}
              testid="invite-totp-code"
            />
            <Problem error={problem} />
            <button type="submit" class="primary" disabled={!ready || busy} data-testid="invite-accept">
              {busy ? t("console.working") : t("invite.accept")}
            </button>
          </form>
        </>
      )}
    </AccountPage>
  );
}
