/**
 * The quick exit: forget what this page holds and replace it with a harmless page, leaving no
 * history entry to come back to with a tap on "Back".
 */
import { deployment } from "../../shared/deployment";

const hooks = new Set<() => void>();
let exited = false;

/** Runs `hook` on a quick exit (flush a draft, drop thumbnails, clear the screen); returns its removal. */
export function onQuickExit(hook: () => void): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Clears in-memory state and goes to the deployment's neutral page. */
export function quickExit(): void {
  exited = true;
  for (const hook of [...hooks]) {
    try {
      hook();
    } catch {
      // Leaving matters more than any clean-up.
    }
  }
  location.replace(deployment?.quickExitUrl ?? "/exit.html");
}

// A page restored from the back-forward cache after a quick exit starts afresh instead.
window.addEventListener("pageshow", (event) => {
  if (event.persisted && exited) location.reload();
});
