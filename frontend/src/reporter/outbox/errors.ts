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
 * Why a draft could not be submitted: the minimum is missing, one of its photos is gone, the
 * report fails the format's check ("invalid": a bug in the form; the draft is kept), or the browser
 * keeps nothing and the phone is offline ("offline_not_kept": it can be sent, not queued).
 */
export class SubmitError extends Error {
  override readonly name = "SubmitError";

  constructor(
    readonly code: "incomplete" | "photo_missing" | "invalid" | "too_many_attachments" | "offline_not_kept",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every stable code an Engine call may reject with ("list": no verified recipient list to seal to;
 * "storage": the phone's storage refused to keep it, not the fault of the photo or the report).
 */
export type EngineErrorCode =
  PhotoError["code"] | FileError["code"] | SubmitError["code"] | "list" | "locked" | "storage" | "unknown";

/**
 * The names IndexedDB fails with when the phone cannot store something: a full disk (QuotaExceededError),
 * WebKit refusing Blobs in a private tab (UnknownError, then AbortError for the transaction), a database
 * closed under us (InvalidStateError). A DOMException of another name is not taken for one.
 */
const STORAGE_FAULTS = new Set(["UnknownError", "QuotaExceededError", "AbortError", "InvalidStateError"]);

/** The name of the storage fault behind `error` (itself or a cause), or null if it is none. */
export function storageFaultName(error: unknown): string | null {
  for (let seen = error, depth = 0; seen instanceof Error && depth < 5; seen = seen.cause, depth += 1) {
    if (seen instanceof DOMException && STORAGE_FAULTS.has(seen.name)) return seen.name;
  }
  return null;
}

/** The stable code of an Engine rejection, for the UI to translate. */
export function engineErrorCode(error: unknown): EngineErrorCode {
  if (error instanceof PhotoError || error instanceof FileError || error instanceof SubmitError) return error.code;
  if (error instanceof RecipientListError || error instanceof NoRecipientListError) return "list";
  if (error instanceof LockedError) return "locked";
  if (storageFaultName(error) !== null) return "storage";
  return "unknown";
}

/**
 * `engineErrorCode` for a screen about to show the failure: a storage fault is also logged with its name
 * (the relative reads what to do; whoever helps them reads why in the console).
 */
export function shownErrorCode(error: unknown): EngineErrorCode {
  const code = engineErrorCode(error);
  if (code === "storage") console.error(`The phone's storage refused: ${storageFaultName(error)}`, error);
  return code;
}
