/** Sign-in: name, password and the authenticator's code or a recovery code; one answer for any wrong factor. */
import { useState } from "preact/hooks";

import type { ReviewApi } from "../api";
import type { SignedIn } from "../apiTypes";
import { Field } from "../components/Field";
import { AccountPage } from "../components/AccountPage";
import { Problem } from "../components/Problem";
import { t } from "../i18n";
import { isSignInCode } from "./accountRules";

export type SignInNotice = "signedOut" | "expired";

interface Props {
  api: ReviewApi;
  notice: SignInNotice | null;
  onSignedIn: (answer: SignedIn) => void;
  onLanguage: (tag: string) => void;
}

export function SignIn({ api, notice, onSignedIn, onLanguage }: Props) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await api.signIn(name.trim(), password, code.trim()));
    } catch (error) {
      setProblem(error);
      setCode("");
      setBusy(false);
    }
  };

  return (
    <AccountPage title={t("signin.title")} onLanguage={onLanguage}>
      {notice && (
        <p class="notice" role="status" data-testid="signin-notice">
          {t(`signin.${notice}`)}
        </p>
      )}
      <form class="card" onSubmit={(event) => void submit(event)}>
        <Field label={t("signin.name")} autoComplete="username" value={name} onInput={setName} testid="signin-name" />
        <Field
          label={t("signin.password")}
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={setPassword}
          testid="signin-password"
        />
        <Field
          label={t("signin.code")}
          hint={t("signin.codeHint")}
          inputMode="text"
          autoComplete="one-time-code"
          value={code}
          onInput={setCode}
          testid="signin-totp"
        />
        <Problem error={problem} />
        <button
          type="submit"
          class="primary"
          disabled={busy || name.trim() === "" || password === "" || !isSignInCode(code)}
          data-testid="signin-submit"
        >
          {busy ? t("console.working") : t("signin.submit")}
        </button>
      </form>
    </AccountPage>
  );
}
