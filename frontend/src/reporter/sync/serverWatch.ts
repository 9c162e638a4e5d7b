/**
 * Quick notice of the server's return (issue 22). After a pass in which a request got no answer at all,
 * the drain's backoff may wait minutes (src/reporter/sync/backoff.ts), and no browser event says that a
 * server came back. While the page is visible and the phone believes it is online, this asks the server
 * a tiny question every few seconds; the first answer of any kind wakes the drain, which then records
 * what the server says (a 5xx or 429 goes back to the ordinary backoff, and the watch ends).
 *
 * Cost: while the server is down a probe ends at the connection (no HTTP byte reaches anyone); once it is
 * back, one GET of /healthz (a 15-byte answer, not rate limited) ends the watch.
 * After a long outage the probes slow down, so a phone left open on a dead server does not keep the radio busy.
 */
import type { Timers } from "./drain";

/** Waits between probes: quick at first, then every 5 s ("capped low": the issue wants delivery within 10 s). */
export const PROBE_DELAYS_MS = [2_000, 3_000, 5_000] as const;
/** After this long without an answer, probe only once a minute. */
export const PROBE_PATIENCE_MS = 10 * 60_000;
export const SLOW_PROBE_MS = 60_000;
// A probe the network swallows must end: well under the probe interval's growth.
const PROBE_TIMEOUT_MS = 5_000;

/** What the watch needs: the network, the clock, and whether probing makes sense now. */
export interface ServerWatchDeps {
  readonly fetch: typeof fetch;
  readonly apiBase: string;
  readonly timers: Timers;
  /** The page is visible and the phone believes it has a network (else the browser's events wake the drain). */
  readonly worthProbing: () => boolean;
  /** The server answered: run the drain. */
  readonly onAnswer: () => void;
}

/** The delay before probe number `n` (0-based) of a watch that began `elapsedMs` ago. */
export function probeDelay(n: number, elapsedMs: number): number {
  if (elapsedMs >= PROBE_PATIENCE_MS) return SLOW_PROBE_MS;
  return PROBE_DELAYS_MS[Math.min(n, PROBE_DELAYS_MS.length - 1)]!;
}

/**
 * One GET of the server's liveness (`/healthz`: 15 bytes, no database, outside the rate limits), true if
 * anything answered: any answer, even a proxy's 502, means the network reaches a server again.
 */
export async function serverAnswers(fetcher: typeof fetch, apiBase: string): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
  try {
    const response = await fetcher(new URL("/healthz", apiBase), {
      method: "GET",
      cache: "no-store",
      credentials: "omit",
      signal: controller.signal,
    });
    await response.body?.cancel().catch(() => undefined);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Probes until the server answers or `stop`; `start` while watching changes nothing. */
export class ServerWatch {
  private timer: unknown = null;
  private startedAt = 0;
  private probes = 0;
  private watching = false;

  constructor(private readonly deps: ServerWatchDeps) {}

  /** Begins watching (if not already). */
  start(): void {
    if (this.watching) return;
    this.watching = true;
    this.startedAt = this.deps.timers.now();
    this.probes = 0;
    this.schedule();
  }

  /** Ends the watch (the drain got through, the page was hidden, the engine stopped). */
  stop(): void {
    this.watching = false;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Whether a watch is running (tests). */
  active(): boolean {
    return this.watching;
  }

  private schedule(): void {
    const delay = probeDelay(this.probes, this.deps.timers.now() - this.startedAt);
    this.timer = this.deps.timers.setTimeout(() => void this.probe(), delay);
  }

  private async probe(): Promise<void> {
    this.timer = null;
    if (!this.watching) return;
    // Hidden or offline: the browser's own events (visibilitychange, online) wake the drain, which watches again.
    if (!this.deps.worthProbing()) {
      this.stop();
      return;
    }
    this.probes += 1;
    const answered = await serverAnswers(this.deps.fetch, this.deps.apiBase);
    if (!this.watching) return;
    if (answered) {
      this.stop();
      this.deps.onAnswer();
    } else {
      this.schedule();
    }
  }
}
