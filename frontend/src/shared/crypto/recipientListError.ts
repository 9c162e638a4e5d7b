/**
 * The refusal of a recipient list, apart from the verification code so that the app's first load
 * can recognise it without loading the crypto libraries (they load when a report is sealed).
 */

/** Why a recipient list was refused, one stable code per check. */
export type RecipientListErrorCode =
  "malformed" | "unknown_signer" | "bad_signature" | "too_few_signatures" | "rollback" | "not_yet_valid" | "expired";

/** Raised when a recipient list must not be used; `code` says which check failed. */
export class RecipientListError extends Error {
  override readonly name = "RecipientListError";

  constructor(
    readonly code: RecipientListErrorCode,
    message: string,
  ) {
    super(message);
  }
}
