/** What the console checks before asking the server (docs/review.md, "Accounts"). */

/** Passwords are at least 12 characters. */
export const MIN_PASSWORD_LENGTH = 12;

/** What the console can tell about a password before sending it; the server also refuses common ones. */
export type PasswordProblem = "password_too_short" | "password_blank" | "password_repeated";

/**
 * The first of the server's rules (backend/kua/review/passwords.py) that `password` breaks, or null.
 * The fourth, "not common or leaked", needs the server's lists: its refusal `password_common` is shown.
 */
export function passwordProblem(password: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "password_too_short";
  if (password.trim() === "") return "password_blank";
  if (new Set(password).size === 1) return "password_repeated";
  return null;
}
/** The key's passphrase protects the identity against a copy of the browser profile: at least as long. */
export const MIN_PASSPHRASE_LENGTH = 12;

/** A TOTP code: 6 digits (spaces allowed around). */
export const isTotpCode = (code: string): boolean => /^\d{6}$/.test(code.trim());

/**
 * A recovery code (backend/kua/review/recovery.py): 16 base32 letters, written "k7qm-2xvd-p4rn-h5tc";
 * case, spaces and dashes are ignored, as the server ignores them.
 */
export const isRecoveryCode = (code: string): boolean =>
  /^[a-z2-7]{16}$/.test(code.replace(/[\s-]/g, "").toLowerCase());

/** What the sign-in's code field takes: the authenticator's code, or a recovery code. */
export const isSignInCode = (code: string): boolean => isTotpCode(code) || isRecoveryCode(code);
