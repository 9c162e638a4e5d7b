/** Errors the outbox raises to the screens, each with a stable code the UI translates. */
import { RecipientListError } from "../../shared/crypto/recipientListError";
import { NoRecipientListError } from "../recipients/current";
import { LockedError } from "../store/lock";

/** Why a photo could not be attached: "unreadable" (not an image we can decode) or "too_large". */
export class PhotoError extends Error {
  override readonly name = "PhotoError";

  constructor(
    readonly code: "unreadable" | "too_large",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Why a file (a document's PDF) could not be attached: "not_pdf", or over 50 MB once sealed. */
export class FileError extends Error {
  override readonly name = "FileError";

  constructor(
    readonly code: "not_pdf" | "file_too_large",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Why a draft could not be submitted: the minimum is missing, one of its photos is gone, or the
 * report fails the format's check ("invalid": a bug in the form; the draft is kept).
 */
export class SubmitError extends Error {
  override readonly name = "SubmitError";

  constructor(
    readonly code: "incomplete" | "photo_missing" | "invalid" | "too_many_attachments",
    message: string,
  ) {
    super(message);
  }
}

/** Every stable code an Engine call may reject with ("list": no verified recipient list to seal to). */
export type EngineErrorCode =
  PhotoError["code"] | FileError["code"] | SubmitError["code"] | "list" | "locked" | "unknown";

/** The stable code of an Engine rejection, for the UI to translate. */
export function engineErrorCode(error: unknown): EngineErrorCode {
  if (error instanceof PhotoError || error instanceof FileError || error instanceof SubmitError) return error.code;
  if (error instanceof RecipientListError || error instanceof NoRecipientListError) return "list";
  if (error instanceof LockedError) return "locked";
  return "unknown";
}
