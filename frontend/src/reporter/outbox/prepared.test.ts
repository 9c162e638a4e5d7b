/**
 * Sealing ahead of Send: while the relative reads the review the report is sealed in memory, and Send
 * queues that ciphertext only if the draft, the list and the lock are as they were and the seal is
 * recent; otherwise it seals afresh. Which one was sent shows in the report the reviewer opens: its
 * `deviceTime` is when it was sealed, and the test's clock moves between the review and the tap.
 */
import "fake-indexeddb/auto";

import { describe, expect, it, vi } from "vitest";

import { reviewer, signList } from "../../shared/crypto/testing/signing";
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import { acceptRecipientList } from "../recipients/current";
import { openKuaDb } from "../store/db";
import { isoWithOffset } from "./deviceTime";
import { PREPARED_FOR_MS } from "./prepared";
import type { FakeIntake } from "./testing/fakeIntake";
import { completeDraft, harness, submittedReport, type Harness } from "./testing/harness";

const READING_MS = 20_000;

/** The relative reaches the review with `draft`: the engine seals it ahead of Send. */
async function readsTheReview(h: Harness, draft: ReportDraftV2): Promise<string> {
  await h.engine.saveDraft(draft);
  const shownAt = isoWithOffset(new Date(h.timers.now()));
  h.engine.prepareToSend(draft);
  await vi.waitFor(() => expect(h.engine.holdsPreparedSend()).toBe(true));
  return shownAt;
}

/** An offline phone: what Send queues stays in the outbox, where the test opens it as the reviewer. */
async function offlinePhone(): Promise<Harness> {
  const h = await harness();
  h.online = false;
  h.intake.defaultAnswer = "network_error";
  return h;
}

describe("a report sealed while the relative reads the review", () => {
  it("is what Send queues when nothing changed, and the reviewer opens it", async () => {
    const h = await offlinePhone();
    const draft = completeDraft(h, { account: "Забрали брата из дома в 6 утра." });
    const shownAt = await readsTheReview(h, draft);

    h.timers.advance(READING_MS);
    // The wizard's copy saved again, its keys in another order: the same report.
    const again = { ...draft, updatedAt: new Date(h.timers.now()).toISOString(), step: "review" };
    const reordered = Object.fromEntries(Object.entries(again).reverse()) as ReportDraftV2;
    const reportId = await h.engine.submit(reordered);

    const report = await submittedReport(h, reportId);
    expect(report.deviceTime).toBe(shownAt);
    expect(report.account).toBe("Забрали брата из дома в 6 утра.");
    expect(h.engine.holdsPreparedSend()).toBe(false);
    expect(await h.engine.listDrafts()).toEqual([]);
  });

  it("is sealed afresh when the draft changed after it was prepared", async () => {
    const h = await offlinePhone();
    const draft = completeDraft(h);
    await readsTheReview(h, draft);

    h.timers.advance(READING_MS);
    const reportId = await h.engine.submit({ ...draft, account: "Исправила: в 7 утра." });

    const report = await submittedReport(h, reportId);
    expect(report.account).toBe("Исправила: в 7 утра.");
    expect(report.deviceTime).toBe(isoWithOffset(new Date(h.timers.now())));
  });

  it("is sealed afresh when a newer list arrived after it was prepared, to the new reviewers", async () => {
    const h = await offlinePhone();
    const draft = completeDraft(h);
    await readsTheReview(h, draft);
    const newcomer = await reviewer();
    const db = await openKuaDb();
    const now = () => new Date(h.timers.now());
    const ctx = {
      db,
      trust: h.deployment,
      fetch: h.intake.fetch,
      apiBase: "https://kua.test",
      now,
      online: () => false,
    };
    await acceptRecipientList(ctx, signList({ seq: 2, recipients: [newcomer.recipient] }, h.roots.slice(0, 2)));

    h.timers.advance(READING_MS);
    const reportId = await h.engine.submit(draft);

    const record = await db.get("outbox", reportId);
    expect(record?.sealedTo?.seq).toBe(2);
    expect(record?.sealedAt).toBe(h.timers.now());
    db.close();
  });

  it(`is sealed afresh when it is older than ${PREPARED_FOR_MS / 60_000} minutes at Send`, async () => {
    const h = await offlinePhone();
    const draft = completeDraft(h);
    await readsTheReview(h, draft);

    h.timers.advance(PREPARED_FOR_MS + 1000);
    const reportId = await h.engine.submit(draft);

    expect((await submittedReport(h, reportId)).deviceTime).toBe(isoWithOffset(new Date(h.timers.now())));
  });

  it("is forgotten when the phone locks, and Send after the PIN seals afresh", async () => {
    const h = await offlinePhone();
    await h.engine.setPin("246810");
    const draft = completeDraft(h);
    await readsTheReview(h, draft);

    h.engine.lockNow();
    expect(h.engine.holdsPreparedSend()).toBe(false);
    h.timers.advance(READING_MS);
    expect(await h.engine.unlock("246810")).toBe(true);
    const reportId = await h.engine.submit(draft);

    expect((await submittedReport(h, reportId)).deviceTime).toBe(isoWithOffset(new Date(h.timers.now())));
  });

  it("is forgotten when the relative leaves the review", async () => {
    const h = await offlinePhone();
    const draft = completeDraft(h);
    await readsTheReview(h, draft);

    h.engine.discardPreparedSend();
    expect(h.engine.holdsPreparedSend()).toBe(false);
    h.timers.advance(READING_MS);
    const reportId = await h.engine.submit(draft);

    expect((await submittedReport(h, reportId)).deviceTime).toBe(isoWithOffset(new Date(h.timers.now())));
  });

  it("is forgotten by a wipe and by the quick exit", async () => {
    const h = await offlinePhone();
    await readsTheReview(h, completeDraft(h));
    h.engine.close();
    expect(h.engine.holdsPreparedSend()).toBe(false);

    const other = await offlinePhone();
    await readsTheReview(other, completeDraft(other));
    await other.engine.wipeEverything();
    expect(other.engine.holdsPreparedSend()).toBe(false);
  });

  it("is never made for a draft that cannot be sent yet", async () => {
    const h = await offlinePhone();
    const draft = h.engine.newDraft("ru");
    await h.engine.saveDraft(draft);
    h.engine.prepareToSend(draft);
    await h.engine.drain.idle();
    expect(h.engine.holdsPreparedSend()).toBe(false);
  });
});

describe("Send", () => {
  it("resolves once the report's PUT is on its way, so the screens' work overlaps the upload", async () => {
    const issued: string[] = [];
    let intake: FakeIntake | null = null;
    const h = await harness({
      fetch: (input, init) => {
        issued.push(`${init?.method ?? "GET"} ${new Request(input, init).url.replace("https://kua.test", "")}`);
        return intake === null ? Promise.reject(new TypeError("offline")) : intake.fetch(input, init);
      },
    });
    intake = h.intake;
    const draft = completeDraft(h);
    await h.engine.saveDraft(draft);

    const reportId = await h.engine.submit(draft);

    expect(issued).toContain(`PUT /api/v1/reports/${reportId}`);
    await h.engine.drain.idle();
    const db = await openKuaDb();
    expect(await db.getAll("outbox")).toEqual([]);
    expect((await db.getAll("receipts")).map((receipt) => receipt.reportId)).toEqual([reportId]);
    db.close();
  });
});
