/**
 * The quick exit: forget what this page holds and replace it with a harmless page, leaving no
 * history entry to come back to with a tap on "Back".
 *
 * The app keeps at most one history entry of its own above the one it was opened in (src/reporter/App.tsx).
 * Replacing only the current entry would leave that first entry behind, and Back would open the app
 * again; so the exit first goes back to the first entry, then replaces it with the harmless page.
 */
import { deployment } from "../../shared/deployment";

/** The history state the app marks its one extra entry with (src/reporter/App.tsx). */
export const HISTORY_MARK = { kua: "screen" } as const;
/** Whether the current history entry is the app's extra one (not the entry the app was opened in). */
export const awayFromFirstEntry = (): boolean =>
  (history.state as typeof HISTORY_MARK | null)?.kua === HISTORY_MARK.kua;

// If the browser never reports the step back, leave anyway: leaving matters more than the entry. The
// screen is already empty (the hooks ran), so waiting costs nothing that shows; leaving too early does:
// a slow phone that reports the step after the timer leaves the app's first entry behind for Back.
const BACK_TIMEOUT_MS = 2000;

const hooks = new Set<() => void>();
let exited = false;

/** Runs `hook` on a quick exit (drop the screen, stop the engine, lock); returns its removal. */
export function onQuickExit(hook: () => void): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Clears in-memory state and goes to the deployment's neutral page, in place of the app's first history entry. */
export function quickExit(): void {
  if (exited) return;
  exited = true;
  for (const hook of [...hooks]) {
    try {
      hook();
    } catch {
      // Leaving matters more than any clean-up.
    }
  }
  const leave = (): void => location.replace(deployment?.quickExitUrl ?? "/exit.html");
  if (!awayFromFirstEntry()) {
    leave();
    return;
  }
  const timer = setTimeout(leave, BACK_TIMEOUT_MS);
  window.addEventListener(
    "popstate",
    () => {
      clearTimeout(timer);
      leave();
    },
    { once: true },
  );
  history.back();
}

/** Escape (a desktop browser, a phone with a keyboard) is a quick exit too. */
export function installQuickExitKey(target: Pick<Window, "addEventListener"> = window): void {
  target.addEventListener("keydown", (event) => {
    if (event.key === "Escape") quickExit();
  });
}

// A page restored from the back-forward cache after a quick exit starts afresh instead.
window.addEventListener("pageshow", (event) => {
  if (event.persisted && exited) location.reload();
});
