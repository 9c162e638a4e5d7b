/**
 * A case's saved appeal drafts as this browser holds them: every version fetched, opened with the
 * reviewer's key and read strictly (format.ts), the newest per draft kept; and `save`, which seals a
 * draft to the verified recipient list (never to a list the server merely serves) and keeps it as the
 * case's next version.
 */
import { useEffect, useState } from "preact/hooks";

import { useConsole } from "../../context";
import { openDrafts, sealDraft, type DraftContent } from "./format";
import { latestPerKey, withSaved, type SavedVersion } from "./latest";

export interface SavedDrafts {
  /** The newest readable version of each draft, by `draftKey`. */
  latest: ReadonlyMap<string, SavedVersion>;
  /** Saved versions that did not open or are not a `kua.draft` this console reads. */
  unreadable: number;
  /** The saved versions were fetched and opened (or failed to: see `problem`). */
  ready: boolean;
  problem: unknown;
  /** Seals and saves a draft as the case's next version (rejects with the API's or the sealing's error). */
  save: (content: DraftContent) => Promise<SavedVersion>;
}

interface Held {
  latest: ReadonlyMap<string, SavedVersion>;
  unreadable: number;
  ready: boolean;
}

const NOTHING_YET: Held = { latest: new Map(), unreadable: 0, ready: false };

export function useSavedDrafts(caseId: string): SavedDrafts {
  const { api, keyring, recipientList } = useConsole();
  const [held, setHeld] = useState<Held>(NOTHING_YET);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    let gone = false;
    setHeld(NOTHING_YET);
    setProblem(null);
    api
      .caseDrafts(caseId)
      .then((saved) => openDrafts(saved, keyring.identity()))
      .then(
        (opened) =>
          !gone &&
          setHeld({
            latest: latestPerKey(opened),
            unreadable: opened.filter((entry) => entry.draft === null).length,
            ready: true,
          }),
        (error: unknown) => {
          if (gone) return;
          setProblem(error);
          setHeld((current) => ({ ...current, ready: true }));
        },
      );
    return () => {
      gone = true;
    };
  }, [caseId]);

  const save = async (content: DraftContent): Promise<SavedVersion> => {
    const sealed = await sealDraft(content, await recipientList());
    const meta = await api.saveCaseDraft(caseId, sealed);
    const saved: SavedVersion = { meta, draft: { format: "kua.draft", version: 1, ...content } };
    setHeld((current) => ({ ...current, latest: withSaved(current.latest, saved) }));
    return saved;
  };

  return { ...held, problem, save };
}
