/**
 * What the outbox says of each photo: waiting, being sent (its own percentage), sent or stopped; which
 * is the small copy and which the original; why the report is stuck and when the next try is.
 */
import "fake-indexeddb/auto";

import { describe, expect, it, vi } from "vitest";

import type { OutboxItemView } from "../engine/engine";
import type { DeclaredAttachment, UploadRecord } from "../store/db";
import { openKuaDb } from "../store/db";
import { completeDraft, harness } from "./testing/harness";
import { attachmentViews, outboxViews } from "./views";

const MB = 1_000_000;
const declared: DeclaredAttachment[] = [
  { attachmentId: "p1", bytes: 80_000, role: "preview" },
  { attachmentId: "o1", bytes: 4 * MB, role: "original" },
  { attachmentId: "s2", bytes: 300_000, role: "photo" },
  { attachmentId: "v1", bytes: 200_000, role: "voice" },
];

function upload(attachmentId: string, sentBytes: number): [string, UploadRecord] {
  return [attachmentId, { attachmentId, reportId: "r", uploadUrl: null, sentBytes }];
}

describe("each attachment's own state in the outbox", () => {
  it("says which is sent, which is being sent and how far, and which waits its turn", () => {
    const uploads = new Map([upload("o1", MB), upload("s2", 0), upload("v1", 0)]);
    const views = attachmentViews(declared, uploads, new Map([["o1", 2 * MB]]));
    expect(
      views.map(({ attachmentId, role, number, state, sentBytes, stoppable }) => ({
        attachmentId,
        role,
        number,
        state,
        sentBytes,
        stoppable,
      })),
    ).toEqual([
      { attachmentId: "p1", role: "preview", number: 1, state: "sent", sentBytes: 80_000, stoppable: false },
      { attachmentId: "o1", role: "original", number: 1, state: "sending", sentBytes: 2 * MB, stoppable: true },
      { attachmentId: "s2", role: "photo", number: 2, state: "waiting", sentBytes: 0, stoppable: false },
      { attachmentId: "v1", role: "voice", number: 1, state: "waiting", sentBytes: 0, stoppable: false },
    ]);
  });

  it("keeps what the server acknowledged of a photo between tries, and shows a stopped original as such", () => {
    const [, original] = attachmentViews(
      [declared[0] as DeclaredAttachment, { ...(declared[1] as DeclaredAttachment), stopped: true }],
      new Map(),
    );
    expect(original).toMatchObject({ state: "stopped", done: true, stoppable: false });
    const [paused] = attachmentViews([declared[1] as DeclaredAttachment], new Map([upload("o1", MB)]));
    expect(paused).toMatchObject({ state: "waiting", sentBytes: MB, stoppable: true });
  });

  it("reads records queued before roles existed as numbered photos", () => {
    const views = attachmentViews(
      [
        { attachmentId: "a", bytes: 10 },
        { attachmentId: "b", bytes: 10 },
      ],
      new Map(),
    );
    expect(views.map((view) => [view.role, view.number])).toEqual([
      ["photo", 1],
      ["photo", 2],
    ]);
  });
});

describe("a relative stopping an original", () => {
  it("drops its ciphertext and upload, and the report counts as sent once the rest is", async () => {
    const h = await harness();
    const reportId = await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();
    // Given a report whose receipt is in and whose photo's original still waits (its upload failed)
    const db = await openKuaDb();
    const receipt = await db.get("receipts", reportId);
    expect(receipt).toBeDefined();
    const attachments: DeclaredAttachment[] = [
      { attachmentId: "p1", bytes: 80_000, role: "preview" },
      { attachmentId: "o1", bytes: 4 * MB, role: "original" },
    ];
    await db.put("outbox", {
      reportId,
      sealedAt: 1,
      happeningNow: false,
      ciphertext: null,
      sha256: receipt?.sha256 ?? "",
      bytes: 1000,
      attachments,
      attempts: 3,
      nextAttemptAt: h.timers.now() + 60_000,
      lastError: "server",
    });
    await db.put("receipts", { ...(receipt as NonNullable<typeof receipt>), attachments });
    await db.put("uploads", { attachmentId: "o1", reportId, uploadUrl: null, sentBytes: MB });
    await db.put("attachments", {
      attachmentId: "o1",
      draftId: "d",
      ciphertext: new Blob([new Uint8Array(10)]),
      bytes: 4 * MB,
      sha256: "00",
      createdAt: 1,
    });
    const [stuck] = await outboxViews(db, h.engine.drain.activity());
    expect(stuck).toMatchObject({ state: "sending", lastError: "server" });
    expect(stuck?.nextAttemptAt).toEqual(new Date(h.timers.now() + 60_000));
    expect(stuck?.attachments.map((a) => a.state)).toEqual(["sent", "waiting"]);

    // A small copy cannot be stopped
    expect(await h.engine.stopOriginal(reportId, "p1")).toBe(false);
    // When they stop the original
    expect(await h.engine.stopOriginal(reportId, "o1")).toBe(true);

    await h.engine.drain.idle(); // the server is told (src/reporter/sync/withdrawals.test.ts)
    // Then nothing of it is left to send, the report is sent, and its receipt says the original was stopped
    expect(await db.get("uploads", "o1")).toBeUndefined();
    expect(await db.get("attachments", "o1")).toBeUndefined();
    expect(await db.get("outbox", reportId)).toBeUndefined();
    const [sent] = await outboxViews(db, h.engine.drain.activity());
    expect(sent).toMatchObject({ reportId, state: "sent" });
    expect(sent?.attachments.map((a) => a.state)).toEqual(["sent", "stopped"]);
    // And stopping it again changes nothing
    expect(await h.engine.stopOriginal(reportId, "o1")).toBe(false);
    db.close();
  });
});

describe("the outbox's labels", () => {
  it("name each report while unlocked, are forgotten while locked, and come back after the PIN", async () => {
    const h = await harness();
    h.intake.defaultAnswer = "network_error";
    await h.engine.setPin("246810");
    const reportId = await h.engine.submit(completeDraft(h, { kinds: ["detention"] }));
    let shown: OutboxItemView[] = [];
    const off = h.engine.watchOutbox((items) => (shown = items));
    const label = () => shown.find((item) => item.reportId === reportId)?.label ?? null;

    await vi.waitFor(() => expect(label()?.kinds).toEqual(["detention"]));
    h.engine.lockNow();
    await vi.waitFor(() => expect(shown.length > 0 && label() === null).toBe(true));
    expect(await h.engine.unlock("246810")).toBe(true);
    await vi.waitFor(() => expect(label()?.kinds).toEqual(["detention"]));
    off();
  });
});
