/** Watching for the server's return: probes while it is down, one answer wakes the drain, then silence. */
import { describe, expect, it } from "vitest";

import { ManualTimers } from "../outbox/testing/fakes";
import { PROBE_PATIENCE_MS, SLOW_PROBE_MS, ServerWatch, probeDelay } from "./serverWatch";

/** A server that is down (every request fails at the network) until `up` is set. */
function server() {
  const seen: { method: string; path: string }[] = [];
  const state = { up: false, seen };
  const fetcher: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ method: request.method, path: new URL(request.url).pathname });
    if (!state.up) throw new TypeError("Failed to fetch");
    return new Response(null, { status: 200 });
  };
  return { state, fetcher };
}

/** Lets the probe's awaited fetch settle. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function watch(worthProbing = () => true) {
  const { state, fetcher } = server();
  const timers = new ManualTimers();
  const woken: number[] = [];
  const w = new ServerWatch({
    fetch: fetcher,
    apiBase: "https://kua.test",
    timers,
    worthProbing,
    onAnswer: () => woken.push(timers.now()),
  });
  return { w, state, timers, woken };
}

describe("the server watch", () => {
  it("probes every few seconds while the server is down, and wakes the drain once when it answers", async () => {
    const { w, state, timers, woken } = watch();
    w.start();
    for (const delay of [2_000, 3_000, 5_000, 5_000]) {
      timers.advance(delay);
      await settle();
    }
    expect(state.seen).toEqual(Array(4).fill({ method: "GET", path: "/healthz" }));
    expect(woken).toEqual([]);

    state.up = true;
    timers.advance(5_000);
    await settle();
    expect(woken).toHaveLength(1);
    expect(w.active()).toBe(false);
    expect(timers.nextDue()).toBeNull();
  });

  it("never waits more than 5 s between probes for ten minutes, then once a minute", () => {
    expect(probeDelay(0, 0)).toBe(2_000);
    expect(probeDelay(50, PROBE_PATIENCE_MS - 1)).toBe(5_000);
    expect(probeDelay(120, PROBE_PATIENCE_MS)).toBe(SLOW_PROBE_MS);
  });

  it("stops without a request when the page is hidden or the phone offline", async () => {
    const { w, state, timers } = watch(() => false);
    w.start();
    timers.advance(2_000);
    await settle();
    expect(state.seen).toEqual([]);
    expect(w.active()).toBe(false);
  });

  it("starting twice keeps one timer", () => {
    const { w, timers } = watch();
    w.start();
    w.start();
    expect(timers.pending.size).toBe(1);
    w.stop();
    expect(timers.pending.size).toBe(0);
  });
});
