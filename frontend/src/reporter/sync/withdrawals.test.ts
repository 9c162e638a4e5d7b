/**
 * A stopped original is withdrawn on the server: the drain tells it with the report's token, offline
 * stops are told later, failures retried with the usual backoff; the report counts as delivered only
 * once the server acknowledged.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import type { DeclaredAttachment } from "../store/db";
import { openKuaDb } from "../store/db";
import { completeDraft, harness, type Harness } from "../outbox/testing/harness";
import { backoffDelay } from "./backoff";

const MB = 1_000_000;

/** A sent report whose small copy is in and whose original still waits, as the phone holds it. */
async function aReportWhoseOriginalWaits(h: Harness): Promise<string> {
  const reportId = await h.engine.submit(completeDraft(h));
  await h.engine.drain.idle();
  const db = await openKuaDb();
  const receipt = await db.get("receipts", reportId);
  if (receipt === undefined) throw new Error("no receipt");
  const attachments: DeclaredAttachment[] = [
    { attachmentId: "p1", bytes: 80_000, role: "preview" },
    { attachmentId: "o1", bytes: 4 * MB, role: "original" },
  ];
  const item = { reportId, sealedAt: 1, happeningNow: false, ciphertext: null, sha256: receipt.sha256, bytes: 1000 };
  await db.put("outbox", { ...item, attachments, attempts: 1, nextAttemptAt: null, lastError: "server" });
  await db.put("receipts", { ...receipt, attachments });
  await db.put("uploads", { attachmentId: "o1", reportId, uploadUrl: null, sentBytes: MB });
  const ciphertext = new Blob([new Uint8Array(10)]);
  await db.put("attachments", {
    attachmentId: "o1",
    draftId: "d",
    ciphertext,
    bytes: 4 * MB,
    sha256: "00",
    createdAt: 1,
  });
  db.close();
  return reportId;
}

function withdrawals(h: Harness): string[] {
  return h.intake.requests.filter((r) => r.path.endsWith("/withdrawal")).map((r) => r.path);
}

describe("withdrawing a stopped original", () => {
  it("tells the server with the report's token, and only then counts the report as delivered", async () => {
    const h = await harness();
    const reportId = await aReportWhoseOriginalWaits(h);
    // When the relative stops the original while online
    expect(await h.engine.stopOriginal(reportId, "o1")).toBe(true);
    await h.engine.drain.idle();
    // Then the server recorded the withdrawal, proven by the token, and the report is delivered
    expect(h.intake.withdrawn).toEqual(new Set([`${reportId}/o1`]));
    expect(withdrawals(h)).toEqual([`/api/v1/reports/${reportId}/attachments/o1/withdrawal`]);
    const db = await openKuaDb();
    expect(await db.get("outbox", reportId)).toBeUndefined();
    expect((await db.get("receipts", reportId))?.attachments[1]).toEqual({
      attachmentId: "o1",
      bytes: 4 * MB,
      role: "original",
      stopped: true,
    });
    db.close();
  });

  it("keeps a stop made offline and tells the server when the network is back, with backoff", async () => {
    const h = await harness();
    const reportId = await aReportWhoseOriginalWaits(h);
    // Given no network, and then a server error
    h.intake.withdrawalAnswers.push("network_error", "server_error");
    expect(await h.engine.stopOriginal(reportId, "o1")).toBe(true);
    await h.engine.drain.idle();
    // Then the withdrawal waits in the outbox, flagged, with the next try scheduled
    const db = await openKuaDb();
    const waiting = await db.get("outbox", reportId);
    expect(waiting?.attachments[1]).toMatchObject({ stopped: true, withdrawalPending: true });
    expect(waiting).toMatchObject({ lastError: "offline", attempts: 2 });
    expect(waiting?.nextAttemptAt).toBe(h.timers.now() + backoffDelay(2, () => 0.5));
    expect(h.intake.withdrawn.size).toBe(0);
    // When the backoff fires twice (the server answers 500, then records it)
    h.timers.advance(backoffDelay(2, () => 0.5));
    await h.engine.drain.idle();
    expect((await db.get("outbox", reportId))?.lastError).toBe("server");
    h.timers.advance(backoffDelay(3, () => 0.5));
    await h.engine.drain.idle();
    // Then it is withdrawn and the report delivered
    expect(h.intake.withdrawn).toEqual(new Set([`${reportId}/o1`]));
    expect(await db.get("outbox", reportId)).toBeUndefined();
    db.close();
  });
});
