/**
 * Send seals to the list the phone holds, never waiting for the server's; when a newer verified list
 * with other reviewers arrives in the background, reports not yet tried are sealed again to it.
 */
import "fake-indexeddb/auto";

import { describe, expect, it, vi } from "vitest";

import { open } from "../../shared/crypto";
import { reviewer, signList, type Reviewer } from "../../shared/crypto/testing/signing";
import type { ReportV2 } from "../../shared/report/v2";
import { openKuaDb, type KuaDb, type OutboxRecord } from "../store/db";
import { completeDraft, harness, reopen, type Harness } from "./testing/harness";
import { hex256 } from "./testing/fakeIntake";
import { readStoredBytes } from "../store/storedBytes";

async function queued(db: KuaDb, reportId: string): Promise<OutboxRecord> {
  const record = await db.get("outbox", reportId);
  if (record === undefined) throw new Error(`report ${reportId} is not queued`);
  return record;
}

/** Whether `identity` opens the queued report, and the report it reads. */
async function opensWith(record: OutboxRecord, who: Reviewer): Promise<ReportV2 | null> {
  if (record.ciphertext === null) throw new Error("no ciphertext queued");
  const bytes = await readStoredBytes(record.ciphertext);
  expect(record.sha256).toBe(await hex256(bytes));
  try {
    return JSON.parse(new TextDecoder().decode(await open(bytes, [who.identity]))) as ReportV2;
  } catch {
    return null;
  }
}

/** The coalition publishes list 2 naming `newcomer` instead of the shipped list's reviewer. */
function publishList2(h: Harness, newcomer: Reviewer): void {
  h.intake.recipientList = signList({ seq: 2, recipients: [newcomer.recipient] }, h.roots.slice(0, 2));
}

/** Two reports sent with no network: the first was tried (its PUT began), the second never was. */
async function twoQueuedOffline(h: Harness): Promise<{ tried: string; untried: string }> {
  h.intake.defaultAnswer = "network_error";
  const tried = await h.engine.submit(completeDraft(h, { account: "Первый." }));
  await h.engine.drain.idle();
  const untried = await h.engine.submit(completeDraft(h, { account: "Второй." }));
  await h.engine.drain.idle();
  return { tried, untried };
}

describe("sealing without waiting on the network", () => {
  it("seals a Send to the stored list and asks for the server's only after the pass, with its ETag", async () => {
    const h = await harness();
    const newcomer = await reviewer();
    publishList2(h, newcomer);
    const seen = h.intake.requests.length; // the app's start asked once already
    const reportId = await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();

    // The report went to the shipped list's reviewer, and the PUT came before any list request.
    const paths = h.intake.requests.slice(seen).map((request) => `${request.method} ${request.path}`);
    expect(paths[0]).toBe(`PUT /api/v1/reports/${reportId}`);
    expect(h.intake.stored.has(reportId)).toBe(true);
    const stored = h.intake.stored.get(reportId) as Uint8Array<ArrayBuffer>;
    await expect(open(stored, [h.reviewer.identity])).resolves.toBeInstanceOf(Uint8Array);

    // Then the background refresh stores list 2 and its ETag; the next one is a 304.
    const db = await openKuaDb();
    await vi.waitFor(async () =>
      expect((await db.get("settings", "recipientList")) as { seq: number }).toMatchObject({ seq: 2 }),
    );
    const setting = (await db.get("settings", "recipientList")) as { etag?: string };
    expect(setting.etag).toBe(`"${await hex256(new TextEncoder().encode(h.intake.recipientList ?? ""))}"`);
    await reopen(h);
    await vi.waitFor(() => expect(h.intake.requests.filter((r) => r.path === "/api/v1/recipients")).toHaveLength(3));
    const last = h.intake.requests.filter((r) => r.path === "/api/v1/recipients").at(-1);
    expect(last?.headers.get("If-None-Match")).toBe(setting.etag);
    db.close();
  });
});

describe("re-sealing queued reports to a newer list", () => {
  it("seals a report never tried again to the new reviewers, and leaves one whose PUT began", async () => {
    const h = await harness();
    const { tried, untried } = await twoQueuedOffline(h);
    const db = await openKuaDb();
    const before = { tried: await queued(db, tried), untried: await queued(db, untried) };
    expect(before.tried.putStartedAt).toBeDefined();
    expect(before.untried.putStartedAt).toBeUndefined();
    expect(before.untried.attempts).toBeGreaterThan(0); // counted "offline" without being sent

    // When list 2 (another reviewer) arrives with the app's next start
    const newcomer = await reviewer();
    publishList2(h, newcomer);
    h.engine.close();
    const engine = await reopen(h);
    await vi.waitFor(async () => expect((await queued(db, untried)).sha256).not.toBe(before.untried.sha256));

    // Then the untried report opens for the newcomer only, same id, same words, same token digest
    const after = await queued(db, untried);
    expect(await opensWith(after, h.reviewer)).toBeNull();
    const report = await opensWith(after, newcomer);
    expect(report?.reportId).toBe(untried);
    expect(report?.account).toBe("Второй.");
    expect(after.tokenSha256).toBe(before.untried.tokenSha256);
    expect(after.sealedTo?.seq).toBe(2);
    // And the tried one keeps its bytes: the server may hold them already
    const kept = await queued(db, tried);
    expect([kept.sha256, kept.sealedTo, kept.putStartedAt]).toEqual([
      before.tried.sha256,
      before.tried.sealedTo,
      before.tried.putStartedAt,
    ]);
    expect(await opensWith(kept, h.reviewer)).not.toBeNull();

    // When the network is back both are delivered; the plaintext copies go with the ciphertext
    h.intake.defaultAnswer = "receipt";
    await engine.drain.run();
    expect(await db.getAll("outbox")).toEqual([]);
    expect(await open(h.intake.stored.get(untried) as Uint8Array<ArrayBuffer>, [newcomer.identity])).toBeDefined();
    expect(await db.getAll("receipts")).toHaveLength(2);
    db.close();
  });

  it("leaves a report queued while PIN-locked as it is until the PIN is entered", async () => {
    const h = await harness();
    await h.engine.setPin("246810");
    h.engine.lockNow();
    const { untried } = await twoQueuedOffline(h);
    const db = await openKuaDb();
    const before = await queued(db, untried);

    // List 2 arrives while the phone is locked: the copy opens only with the PIN, so nothing changes
    const newcomer = await reviewer();
    publishList2(h, newcomer);
    h.engine.close();
    const engine = await reopen(h);
    await vi.waitFor(async () =>
      expect((await db.get("settings", "recipientList")) as { seq: number }).toMatchObject({ seq: 2 }),
    );
    await engine.drain.idle();
    const still = await queued(db, untried);
    expect([still.sha256, still.sealedTo]).toEqual([before.sha256, before.sealedTo]);

    // Once unlocked, it is re-sealed to the newcomer
    expect(await engine.unlock("246810")).toBe(true);
    await vi.waitFor(async () => expect(await opensWith(await queued(db, untried), newcomer)).not.toBeNull());
    expect(await opensWith(await queued(db, untried), h.reviewer)).toBeNull();
    db.close();
  });

  it("can still re-seal after a PIN is set on a phone that queued reports without one", async () => {
    const h = await harness();
    const { untried } = await twoQueuedOffline(h);
    await h.engine.setPin("13579");
    const newcomer = await reviewer();
    publishList2(h, newcomer);
    h.engine.close();
    const engine = await reopen(h);
    expect(await engine.unlock("13579")).toBe(true);
    const db = await openKuaDb();
    await vi.waitFor(async () => expect(await opensWith(await queued(db, untried), newcomer)).not.toBeNull());
    db.close();
  });
});
