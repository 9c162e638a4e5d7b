/** What the console checks before asking the server (docs/review.md, "Accounts"). */

/** Passwords are at least 12 characters. */
export const MIN_PASSWORD_LENGTH = 12;
/** The key's passphrase protects the identity against a copy of the browser profile: at least as long. */
export const MIN_PASSPHRASE_LENGTH = 12;

/** A TOTP code: 6 digits (spaces allowed around). */
export const isTotpCode = (code: string): boolean => /^\d{6}$/.test(code.trim());
