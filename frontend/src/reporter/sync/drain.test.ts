/**
 * The drain's state machine against a stubbed intake API: what each answer does to the outbox, when
 * the next attempt comes, and that nothing leaves the phone without a matching receipt.
 */
import "fake-indexeddb/auto";

import { describe, expect, it, vi } from "vitest";

import type { OutboxItemView } from "../engine/engine";
import { openKuaDb } from "../store/db";
import { completeDraft, harness, type Harness } from "../outbox/testing/harness";
import { MAX_BACKOFF_MS, backoffDelay } from "./backoff";
import type { StoredBytes } from "../store/storedBytes";

async function outbox(h: Harness): Promise<OutboxItemView[]> {
  return new Promise((resolve) => {
    const off = h.engine.watchOutbox((items) => {
      resolve(items);
      queueMicrotask(off);
    });
  });
}

async function only(h: Harness): Promise<OutboxItemView> {
  const [item, ...rest] = await outbox(h);
  expect(rest).toEqual([]);
  if (item === undefined) throw new Error("the outbox is empty");
  return item;
}

async function submitOne(h: Harness, happeningNow = false): Promise<string> {
  const reportId = await h.engine.submit(completeDraft(h, { happeningNow }));
  await h.engine.drain.idle();
  return reportId;
}

async function storedCiphertext(reportId: string): Promise<StoredBytes | null | undefined> {
  const db = await openKuaDb();
  const record = await db.get("outbox", reportId);
  db.close();
  return record?.ciphertext;
}

describe("the drain", () => {
  it("sends a report: 201 with a matching receipt makes it sent", async () => {
    const h = await harness();
    const reportId = await submitOne(h);
    const item = await only(h);
    expect(item).toMatchObject({ reportId, state: "sent", progress: 1, lastError: null, nextAttemptAt: null });
    expect(item.receipt?.receivedAt.toISOString()).toBe("2026-11-25T10:00:00.000Z");
    expect(h.intake.puts()[0]?.headers.get("content-type")).toBe("application/octet-stream");
    expect(await storedCiphertext(reportId)).toBeUndefined();
  });

  it("treats a captive portal's 200 page as no receipt: kept, retried with backoff", async () => {
    const h = await harness();
    h.intake.answers.push("captive_portal");
    const reportId = await submitOne(h);

    const item = await only(h);
    expect(item).toMatchObject({ state: "waiting", lastError: "server", receipt: null });
    expect(await storedCiphertext(reportId)).toBeInstanceOf(Uint8Array);
    const wait = (item.nextAttemptAt?.getTime() ?? 0) - h.timers.now();
    expect(wait).toBe(backoffDelay(1, () => 0.5));
    expect(h.timers.nextDue()).toBe(item.nextAttemptAt?.getTime());

    h.timers.advance(wait);
    await h.engine.drain.idle();
    expect(await only(h)).toMatchObject({ state: "sent", lastError: null });
    expect(h.intake.puts()).toHaveLength(2);
  });

  it("keeps a report another report's id refused (409) and does not retry it by itself", async () => {
    const h = await harness();
    h.intake.answers.push("conflict");
    const reportId = await submitOne(h);
    expect(await only(h)).toMatchObject({ state: "waiting", lastError: "refused", nextAttemptAt: null });
    expect(await storedCiphertext(reportId)).toBeInstanceOf(Uint8Array);
    expect(h.timers.nextDue()).toBeNull();
  });

  it("backs off longer after each server error, up to the cap", async () => {
    const h = await harness();
    h.intake.defaultAnswer = "server_error";
    const reportId = await submitOne(h);
    const first = await only(h);
    expect(first.lastError).toBe("server");
    h.timers.advance((first.nextAttemptAt?.getTime() ?? 0) - h.timers.now());
    await h.engine.drain.idle();
    const second = await only(h);
    const firstWait = backoffDelay(1, () => 0.5);
    const secondWait = (second.nextAttemptAt?.getTime() ?? 0) - h.timers.now();
    expect(secondWait).toBe(backoffDelay(2, () => 0.5));
    expect(secondWait).toBeGreaterThan(firstWait);
    expect(backoffDelay(30, () => 1)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(30, () => 0)).toBe(MAX_BACKOFF_MS / 2);
    expect(await storedCiphertext(reportId)).toBeInstanceOf(Uint8Array);
  });

  it("records no network as offline and does not try the other reports in the same pass", async () => {
    const h = await harness();
    h.online = false;
    h.intake.defaultAnswer = "network_error";
    await h.engine.submit(completeDraft(h));
    await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();
    const putsBefore = h.intake.puts().length;
    h.engine.sendNow();
    await h.engine.drain.idle();
    expect(h.intake.puts().length - putsBefore).toBe(1);
    const items = await outbox(h);
    expect(items.map((item) => item.lastError)).toEqual(["offline", "offline"]);
    expect(items.every((item) => item.state === "waiting")).toBe(true);

    h.online = true;
    h.intake.defaultAnswer = "receipt";
    h.engine.sendNow();
    await h.engine.drain.idle();
    expect((await outbox(h)).map((item) => item.state)).toEqual(["sent", "sent"]);
  });

  it("sends what is happening now first, then the oldest", async () => {
    const h = await harness();
    h.intake.defaultAnswer = "network_error";
    const older = await submitOne(h);
    h.timers.advance(1000);
    const newer = await submitOne(h);
    h.timers.advance(1000);
    const urgent = await submitOne(h, true);
    h.intake.defaultAnswer = "receipt";
    const putsBefore = h.intake.puts().length;
    h.engine.sendNow();
    await h.engine.drain.idle();
    const order = h.intake
      .puts()
      .slice(putsBefore)
      .map((put) => put.path.split("/").pop());
    expect(order).toEqual([urgent, older, newer]);
  });

  it("never runs two passes at once: calls during a pass ask for exactly one more", async () => {
    const h = await harness();
    let open: () => void = () => undefined;
    h.intake.gate = new Promise((resolve) => (open = resolve));
    await h.engine.submit(completeDraft(h));
    h.engine.sendNow();
    h.engine.sendNow();
    void h.engine.drain.run();
    await vi.waitFor(() => expect(h.intake.inFlight).toBe(1));
    open();
    await h.engine.drain.idle();
    expect(h.intake.maxInFlight).toBe(1);
    // The first pass sent the report; the one extra pass found nothing left to send.
    expect(h.intake.puts()).toHaveLength(1);
    expect((await only(h)).state).toBe("sent");
  });

  it("uploads the photos after the receipt; the report is sent only when all are done", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    const photo = await h.engine.attachPhoto(draft.draftId, new Blob([new Uint8Array(5000).fill(7)]), {
      downscale: false,
    });
    h.uploader.outcomes.push({ ok: false, error: "server" });
    const reportId = await h.engine.submit({ ...draft, otherPhotos: [photo] });
    await h.engine.drain.idle();

    const halfway = await only(h);
    expect(halfway).toMatchObject({ state: "sending", lastError: "server" });
    expect(halfway.receipt).not.toBeNull();
    expect(halfway.attachments).toEqual([
      expect.objectContaining({ attachmentId: photo.attachmentId, done: false, sentBytes: 0 }),
    ]);
    expect(h.intake.puts()[0]?.headers.get("kua-attachment-ids")).toBe(photo.attachmentId);
    const db = await openKuaDb();
    expect((await db.get("outbox", reportId))?.ciphertext).toBeNull();
    expect(await db.get("attachments", photo.attachmentId)).toBeDefined();
    expect((await db.get("uploads", photo.attachmentId))?.uploadUrl).toBe(
      `https://kua.test/api/v1/uploads/${photo.attachmentId}`,
    );

    h.engine.sendNow();
    await h.engine.drain.idle();
    const sent = await only(h);
    expect(sent).toMatchObject({ state: "sent", progress: 1 });
    expect(sent.attachments[0]).toMatchObject({ done: true });
    expect(h.uploader.tasks.at(-1)?.uploadUrl).toBe(`https://kua.test/api/v1/uploads/${photo.attachmentId}`);
    expect(h.intake.puts()).toHaveLength(1);
    expect(await db.get("attachments", photo.attachmentId)).toBeUndefined();
    expect(await db.get("uploads", photo.attachmentId)).toBeUndefined();
    db.close();
  });

  it("tells its watchers about every change", async () => {
    const h = await harness();
    let open: () => void = () => undefined;
    h.intake.gate = new Promise((resolve) => (open = resolve));
    const seen: string[] = [];
    const off = h.engine.watchOutbox((items) => seen.push(items.map((item) => item.state).join(",")));
    await h.engine.submit(completeDraft(h));
    // The PUT is held at the gate: the watcher must hear "sending" before any answer comes.
    await vi.waitFor(() => expect(h.intake.inFlight).toBe(1));
    await vi.waitFor(() => expect(seen.at(-1)).toBe("sending"));
    open();
    await h.engine.drain.idle();
    // Watchers hear of a change after IndexedDB's transaction completes: poll, a busy machine is slow.
    await vi.waitFor(() => expect(seen.at(-1)).toBe("sent"));
    off();
    expect(seen[0]).toBe("");
  });
});
