/**
 * Auto-lock: with a PIN set, a page left hidden (another app, the screen off, the phone put down)
 * for longer than the chosen time locks itself, so whoever picks the phone up later finds the lock
 * screen. Checked when the page shows again (timers sleep in a hidden page) and by a timer while
 * hidden, whichever comes first.
 */
import type { Timers } from "../sync/drain";

/** The default: long enough to answer a call, short enough for a phone put down on a table. */
export const DEFAULT_AUTO_LOCK_SECONDS = 30;
/** What the PIN settings offer: at once, 30 s, 1 min, 5 min. */
export const AUTO_LOCK_CHOICES = [0, 30, 60, 300] as const;

type VisibilitySource = Pick<Document, "addEventListener" | "removeEventListener" | "visibilityState">;

/** Calls `lock` when the page was hidden for `afterMs()` or longer; returns the uninstaller. */
export function installAutoLock(
  lock: () => void,
  afterMs: () => number,
  timers: Timers,
  source: VisibilitySource = document,
): () => void {
  let hiddenAt: number | null = null;
  let timer: unknown = null;
  const stopTimer = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  const onVisibility = (): void => {
    stopTimer();
    if (source.visibilityState === "hidden") {
      hiddenAt = timers.now();
      const ms = afterMs();
      if (ms <= 0) lock();
      else timer = timers.setTimeout(lock, ms);
      return;
    }
    if (hiddenAt !== null && timers.now() - hiddenAt >= afterMs()) lock();
    hiddenAt = null;
  };
  source.addEventListener("visibilitychange", onVisibility);
  return () => {
    stopTimer();
    source.removeEventListener("visibilitychange", onVisibility);
  };
}
