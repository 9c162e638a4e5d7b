/**
 * Which saved version of each appeal draft a reviewer sees, and whether what the textarea shows is
 * saved: pure functions behind useSavedDrafts and the dossier's appeals.
 */
import type { SavedDraftMeta } from "../../apiTypes";
import type { DossierTag } from "../language";
import type { UnProcedure } from "../un";
import { draftKey, type DraftDocument, type OpenedDraft } from "./format";

/** A saved version that opened, with what the server knows of it (author, time, version). */
export interface SavedVersion {
  meta: SavedDraftMeta;
  draft: DraftDocument;
}

/** `latest` with `saved` in it, unless its draft already has a newer version there. */
export function withSaved(latest: ReadonlyMap<string, SavedVersion>, saved: SavedVersion): Map<string, SavedVersion> {
  const next = new Map(latest);
  const key = draftKey(saved.draft);
  const held = next.get(key);
  if (held === undefined || saved.meta.version > held.meta.version) next.set(key, saved);
  return next;
}

/** The newest readable version of each draft, by `draftKey` (unreadable versions are left out). */
export function latestPerKey(opened: readonly OpenedDraft[]): Map<string, SavedVersion> {
  let latest = new Map<string, SavedVersion>();
  for (const entry of opened) {
    if (entry.draft !== null) latest = withSaved(latest, { meta: entry.meta, draft: entry.draft });
  }
  return latest;
}

/** What the draft's textarea shows: the reviewer's edit, else the newest saved text, else the generated one. */
export function shownText(edit: string | undefined, saved: SavedVersion | undefined, generated: string): string {
  return edit ?? saved?.draft.text ?? generated;
}

/** True when the shown text is not what a colleague would open: the saved text, or the generated one if none. */
export function isUnsaved(shown: string, saved: SavedVersion | undefined, generated: string): boolean {
  return shown !== (saved?.draft.text ?? generated);
}

/** The kind of UN communication of the newest saved UN draft in `language` (null when none is saved), so
 * that a colleague opens the kind that was saved, not the one the facts would choose. */
export function savedUnProcedure(latest: ReadonlyMap<string, SavedVersion>, language: DossierTag): UnProcedure | null {
  let newest: SavedVersion | undefined;
  for (const saved of latest.values()) {
    const { addressee, language: savedIn, variant } = saved.draft;
    if (addressee !== "un" || savedIn !== language || variant === null) continue;
    if (newest === undefined || saved.meta.version > newest.meta.version) newest = saved;
  }
  return newest?.draft.variant ?? null;
}
