/**
 * The drain and the server watch: a report whose PUT got no answer is retried as soon as the server answers
 * a probe, long before its backoff; one the server refused with a 5xx waits for the backoff as before.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { openKuaDb } from "../store/db";
import { completeDraft, harness, type Harness } from "../outbox/testing/harness";
import { Drain } from "./drain";

/** A drain like the engine's, in a visible page on a network (the harness's engine is not in a browser). */
async function visibleDrain(h: Harness): Promise<Drain> {
  return new Drain({
    db: await openKuaDb(),
    fetch: h.intake.fetch,
    apiBase: "https://kua.test",
    uploader: h.uploader,
    timers: h.timers,
    random: () => 0.5,
    onChange: () => undefined,
    worthProbing: () => true,
  });
}

/** Lets awaited fetches and IndexedDB work settle after a timer fired. */
async function settle(drain: Drain): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  await drain.idle();
}

describe("the drain after a request got no answer", () => {
  it("sends again 2 s after the server answers a probe, not at the backoff", async () => {
    const h = await harness();
    h.intake.defaultAnswer = "network_error";
    await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();
    h.engine.drain.stop();
    const drain = await visibleDrain(h);
    await drain.run();
    expect(drain.watchingServer()).toBe(true);

    // The server is back: the first probe (2 s) answers and the drain sends.
    h.intake.defaultAnswer = "receipt";
    h.timers.advance(2_000);
    await settle(drain);
    expect(h.intake.requests.some((request) => request.path === "/healthz")).toBe(true);
    expect(h.intake.stored.size).toBe(1);
    expect(drain.watchingServer()).toBe(false);
    drain.stop();
  });

  it("does not probe after a server error: the backoff decides", async () => {
    const h = await harness();
    h.intake.defaultAnswer = "server_error";
    await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();
    h.engine.drain.stop();
    const drain = await visibleDrain(h);
    await drain.run();
    expect(drain.watchingServer()).toBe(false);
    drain.stop();
  });
});
