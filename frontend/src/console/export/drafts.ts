/**
 * A case's saved appeal drafts for `drafts.json`: every version the server keeps (`caseDrafts`,
 * oldest first), each opened with the unlocked key and read as a `kua.draft` version 1 (the
 * saved-drafts contract of issue 19). A case the server does not know has none; a list that cannot
 * be had, or a version that cannot be opened, is listed with its problem, never dropped.
 */
import { ApiError, type ReviewApi, type SavedDraft } from "../api";
import type { Reviewer } from "../apiTypes";
import { reviewerName } from "../context";
import type { KeyRing } from "../keys/keyring";
import { openText } from "../sealed/text";
import type { ExportDraft } from "./manifest";

export interface DraftSources {
  api: Pick<ReviewApi, "caseDrafts">;
  keyring: Pick<KeyRing, "identity">;
  reviewers: ReadonlyMap<string, Reviewer>;
}

export const DRAFT_FORMAT = "kua.draft";
export const DRAFT_VERSION = 1;

type DraftContent = Pick<ExportDraft, "addressee" | "language" | "variant" | "text">;

/** `value` as a saved draft's plaintext, or null when it is anything else. */
export function readDraft(value: unknown): DraftContent | null {
  if (typeof value !== "object" || value === null) return null;
  const draft = value as Record<string, unknown>;
  if (draft.format !== DRAFT_FORMAT || draft.version !== DRAFT_VERSION) return null;
  const { addressee, language, variant, text } = draft;
  if (addressee !== "prosecutor" && addressee !== "un") return null;
  if (language !== "ru" && language !== "en") return null;
  if (variant !== null && variant !== "urgent_appeal" && variant !== "allegation_letter") return null;
  if (typeof text !== "string") return null;
  return { addressee, language, variant, text };
}

async function opened(sources: DraftSources, saved: SavedDraft): Promise<ExportDraft> {
  const entry = {
    case_id: saved.case_id,
    draft_id: saved.draft_id,
    version: saved.version,
    author: { id: saved.author_id, name: reviewerName(sources.reviewers, saved.author_id) },
    created_at: saved.created_at,
    addressee: null,
    language: null,
    variant: null,
    text: null,
  };
  let plaintext: string;
  try {
    plaintext = await openText(saved.ciphertext, sources.keyring.identity());
  } catch {
    return { ...entry, problem: "not_for_this_key" };
  }
  let content: DraftContent | null;
  try {
    content = readDraft(JSON.parse(plaintext));
  } catch {
    content = null;
  }
  return content === null ? { ...entry, problem: "malformed" } : { ...entry, ...content, problem: null };
}

/** Every saved version of the case's drafts, opened. */
export async function draftsOf(sources: DraftSources, caseId: string): Promise<ExportDraft[]> {
  let saved: SavedDraft[];
  try {
    saved = await sources.api.caseDrafts(caseId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    const none = { draft_id: null, version: null, author: null, created_at: null };
    return [
      { case_id: caseId, ...none, addressee: null, language: null, variant: null, text: null, problem: "fetch_failed" },
    ];
  }
  return Promise.all(saved.map((draft) => opened(sources, draft)));
}
