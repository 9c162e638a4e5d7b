/**
 * A saved appeal draft (docs/review.md, "Saved drafts"): a `kua.draft` JSON document, version 1, sealed
 * in the browser to the verified recipient list like notes, kept by the server as an age file, one
 * version per save. Which draft it is (addressee, language, kind of UN communication) is sealed inside
 * with its text: the server learns only the case, the author, the time and the size.
 *
 * A colleague's browser wrote what is opened here, so it is read strictly: anything but a well-formed
 * version 1 document is set aside with a one-sentence problem, never shown as a draft.
 */
import type { RecipientList } from "../../../shared/crypto";
import type { SavedDraft, SavedDraftMeta } from "../../apiTypes";
import { openText, sealText } from "../../sealed/text";
import type { Addressee } from "../dossier";
import { DOSSIER_LANGUAGES, type DossierTag } from "../language";
import { UN_PROCEDURES, type UnProcedure } from "../un";

export const DRAFT_FORMAT = "kua.draft";

/** The largest sealed draft the server takes (kua.review.drafts.MAX_DRAFT_BYTES). */
export const MAX_DRAFT_BYTES = 256 * 1024;

/** The decrypted document, format version 1. */
export interface DraftDocument {
  format: typeof DRAFT_FORMAT;
  version: 1;
  addressee: Addressee;
  language: DossierTag;
  /** The UN draft's kind of communication; null for the prosecutor's. */
  variant: UnProcedure | null;
  text: string;
}

/** What a draft is, without its envelope: what the dossier hands over to save. */
export type DraftContent = Omit<DraftDocument, "format" | "version">;

/** A saved version as opened here: its document, or why it could not be read. */
export type OpenedDraft =
  | { meta: SavedDraftMeta; draft: DraftDocument; problem: null }
  | { meta: SavedDraftMeta; draft: null; problem: string };

/** A document that is not a well-formed `kua.draft` version 1. */
export class DraftFormatError extends Error {
  override readonly name = "DraftFormatError";
}

const KEYS = ["format", "version", "addressee", "language", "variant", "text"];
const ADDRESSEES: readonly Addressee[] = ["prosecutor", "un"];

/** "ru:un:allegation_letter", "en:prosecutor:": which draft of the dossier a document is. */
export function draftKey(draft: Pick<DraftDocument, "language" | "addressee" | "variant">): string {
  return `${draft.language}:${draft.addressee}:${draft.variant ?? ""}`;
}

/** Reads a decrypted draft strictly (DraftFormatError, one sentence, for anything else). */
export function parseDraft(plaintext: string): DraftDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch {
    throw new DraftFormatError("The saved draft is not JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new DraftFormatError("The saved draft is not a JSON object.");
  }
  const document = parsed as Record<string, unknown>;
  if (document.format !== DRAFT_FORMAT) throw new DraftFormatError("The saved draft is not a kua.draft document.");
  if (document.version !== 1) {
    throw new DraftFormatError(`The saved draft has format version ${String(document.version)}, not 1.`);
  }
  const unknown = Object.keys(document).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) throw new DraftFormatError(`The saved draft has unknown fields: ${unknown.join(", ")}.`);
  const { addressee, language, variant, text } = document;
  if (!ADDRESSEES.includes(addressee as Addressee)) {
    throw new DraftFormatError("The saved draft names no known addressee.");
  }
  if (!DOSSIER_LANGUAGES.includes(language as DossierTag)) {
    throw new DraftFormatError("The saved draft names no dossier language.");
  }
  const variants: readonly unknown[] = addressee === "un" ? [null, ...UN_PROCEDURES] : [null];
  if (!variants.includes(variant)) throw new DraftFormatError("The saved draft names an unknown kind of appeal.");
  if (typeof text !== "string") throw new DraftFormatError("The saved draft has no text.");
  return {
    format: DRAFT_FORMAT,
    version: 1,
    addressee: addressee as Addressee,
    language: language as DossierTag,
    variant: variant as UnProcedure | null,
    text,
  };
}

/** Pads and seals a draft to every recipient of the verified list (TooLongError past 256 KiB). */
export function sealDraft(content: DraftContent, list: RecipientList): Promise<Uint8Array<ArrayBuffer>> {
  const document: DraftDocument = {
    format: DRAFT_FORMAT,
    version: 1,
    addressee: content.addressee,
    language: content.language,
    variant: content.variant,
    text: content.text,
  };
  return sealText(JSON.stringify(document), list, MAX_DRAFT_BYTES);
}

/** Opens and reads each saved version with the reviewer's identity, in the order given. */
export function openDrafts(saved: readonly SavedDraft[], identity: string): Promise<OpenedDraft[]> {
  return Promise.all(
    saved.map(async ({ ciphertext, ...meta }): Promise<OpenedDraft> => {
      let plaintext: string;
      try {
        plaintext = await openText(ciphertext, identity);
      } catch {
        return { meta, draft: null, problem: "The saved draft does not open with this key." };
      }
      try {
        return { meta, draft: parseDraft(plaintext), problem: null };
      } catch (error) {
        return { meta, draft: null, problem: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}
