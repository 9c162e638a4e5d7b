/**
 * Saves the draft through the engine shortly after each change (debounced), when the page is
 * hidden, on a quick exit and when the wizard closes. `flush` waits for a save in flight.
 */
import { useEffect, useRef, useState } from "preact/hooks";

import type { Engine } from "../engine/engine";
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import { onQuickExit } from "../safety/quickExit";

const DELAY_MS = 600;

// Every save any wizard started: the home screen lists drafts only after them, so a draft left a
// moment ago shows as it was left (its last step included), not as the save before.
let allSaves: Promise<void> = Promise.resolve();

/** Resolves once every autosave started so far has settled (saved or failed). */
export function savesSettled(): Promise<void> {
  return allSaves;
}

export interface Autosave {
  /** Marks the draft changed (it will be saved). */
  changed: (draft: ReportDraftV2) => void;
  /** Saves now if anything changed, and waits for any save in flight. */
  flush: () => Promise<void>;
  /** Forgets unsaved changes (the draft was sent: saving it again would bring it back). */
  discard: () => Promise<void>;
  failed: boolean;
}

export function useAutosave(engine: Engine, initial: ReportDraftV2, initiallyDirty: boolean): Autosave {
  const latest = useRef(initial);
  const dirty = useRef(initiallyDirty);
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [failed, setFailed] = useState(false);

  const save = (): Promise<void> => {
    clearTimeout(timer.current);
    if (!dirty.current) return inFlight.current;
    dirty.current = false;
    const draft = latest.current;
    inFlight.current = inFlight.current
      .then(() => engine.saveDraft(draft))
      .then(
        () => setFailed(false),
        () => {
          dirty.current = true;
          setFailed(true);
        },
      );
    allSaves = Promise.all([allSaves, inFlight.current]).then(() => undefined);
    return inFlight.current;
  };

  useEffect(() => {
    if (initiallyDirty) void save();
    const onHidden = (): void => {
      if (document.visibilityState === "hidden") void save();
    };
    document.addEventListener("visibilitychange", onHidden);
    const offQuickExit = onQuickExit(() => void save());
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      offQuickExit();
      void save();
    };
  }, []);

  return {
    changed: (draft) => {
      latest.current = draft;
      dirty.current = true;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DELAY_MS);
    },
    flush: save,
    discard: async () => {
      clearTimeout(timer.current);
      dirty.current = false;
      await inFlight.current;
    },
    failed,
  };
}
