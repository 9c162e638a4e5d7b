/**
 * What every console screen reaches: the API client, the keyring, the queue and case book (both
 * hold decrypted content, cleared when the key locks), the signed-in reviewer and the others by id.
 */
import { createContext } from "preact";
import { useContext, useEffect } from "preact/hooks";

import type { RecipientList } from "../shared/crypto";
import type { ReviewApi } from "./api";
import type { Reviewer } from "./apiTypes";
import type { CaseBook } from "./cases/book";
import type { KeyRing } from "./keys/keyring";
import type { ReviewDb } from "./keys/store";
import type { QueueStore } from "./queue/store";

export interface ConsoleServices {
  readonly api: ReviewApi;
  readonly keyring: KeyRing;
  readonly db: ReviewDb;
  readonly queue: QueueStore;
  readonly cases: CaseBook;
  /** The newest recipient list the pinned root keys signed: what notes and case titles are sealed to. */
  readonly recipientList: () => Promise<RecipientList>;
}

export interface ConsoleSession extends ConsoleServices {
  readonly reviewer: Reviewer;
  /** Every reviewer by id (assignees, note authors, audit actors). */
  readonly reviewers: ReadonlyMap<string, Reviewer>;
  /** Fetches `reviewers` again if `id` is not among them (a reviewer who joined since): reviewers.ts. */
  readonly lookUpReviewer: (id: string | null) => void;
  readonly onReviewer: (reviewer: Reviewer) => void;
}

export const ConsoleContext = createContext<ConsoleSession | null>(null);

export function useConsole(): ConsoleSession {
  const session = useContext(ConsoleContext);
  if (session === null) throw new Error("useConsole outside a signed-in console");
  return session;
}

/** A reviewer's name by id, or a short form of the id. */
export function reviewerName(reviewers: ReadonlyMap<string, Reviewer>, id: string | null): string {
  if (id === null) return "—";
  return reviewers.get(id)?.name ?? id.slice(0, 8);
}

/** Has the reviewers fetched again when one of `ids` is not among them, so that `reviewerName` names them. */
export function useKnownReviewers(ids: readonly (string | null)[]): void {
  const { reviewers, lookUpReviewer } = useConsole();
  useEffect(() => {
    for (const id of ids) lookUpReviewer(id);
  }, [reviewers, ids.join(",")]);
}
