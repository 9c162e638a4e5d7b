/**
 * Notes and case titles are sealed in the browser only to a recipient list the pinned root keys
 * signed (never one the server merely serves, never an older one), and open with a listed key.
 */
import "fake-indexeddb/auto";

import { IDBFactory } from "fake-indexeddb";
import { base64 } from "@scure/base";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { rootKeyPair, signList } from "../../shared/crypto/testing/signing";
import { getReviewSetting, openReviewDb, type ReviewDb } from "../keys/store";
import { NoVerifiedListError, verifiedRecipientList, type ListContext } from "../keys/recipientList";
import { reviewerKeys } from "../testing/reports";
import { openText, sealText, TooLongError } from "./text";

const roots = [rootKeyPair(), rootKeyPair(), rootKeyPair()];
const trust = { rootPublicKeys: roots.map((root) => root.publicKey), threshold: 2 };
let amina: { identity: string; recipient: string };
let bakyt: { identity: string; recipient: string };
let db: ReviewDb;

beforeAll(async () => {
  [amina, bakyt] = [await reviewerKeys(), await reviewerKeys()];
});
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openReviewDb();
});

function context(shipped: string | null, served: string | null): ListContext {
  return {
    db,
    trust: { ...trust, recipientList: shipped },
    fetch: async () => (served === null ? new Response("", { status: 404 }) : new Response(served)),
    now: () => new Date("2026-12-01T00:00:00Z"),
  };
}

describe("the list notes are sealed to", () => {
  it("is the newest one the pinned root keys signed, remembered as the high-water mark", async () => {
    const shipped = signList({ seq: 1, recipients: [amina.recipient] }, roots.slice(0, 2));
    const served = signList({ seq: 2, recipients: [amina.recipient, bakyt.recipient] }, roots.slice(1));
    const list = await verifiedRecipientList(context(shipped, served));
    expect(list.seq).toBe(2);
    expect((await getReviewSetting(db, "recipientList"))?.seq).toBe(2);
    // Later the server serves the old list again: the remembered one is still used.
    expect((await verifiedRecipientList(context(shipped, shipped))).seq).toBe(2);
  });

  it("is never a list the server signed itself", async () => {
    const forged = signList({ seq: 9, recipients: [bakyt.recipient] }, [rootKeyPair(), rootKeyPair()]);
    await expect(verifiedRecipientList(context(null, forged))).rejects.toThrow(NoVerifiedListError);
    const shipped = signList({ seq: 1, recipients: [amina.recipient] }, roots.slice(0, 2));
    expect((await verifiedRecipientList(context(shipped, forged))).recipients.map((r) => r.recipient)).toEqual([
      amina.recipient,
    ]);
  });

  it("needs a build that pins root keys", async () => {
    await expect(verifiedRecipientList({ ...context(null, null), trust: null })).rejects.toThrow(NoVerifiedListError);
  });
});

describe("a sealed note", () => {
  it("opens for every listed reviewer, from bytes or the API's base64", async () => {
    const list = await verifiedRecipientList(
      context(signList({ seq: 1, recipients: [amina.recipient, bakyt.recipient] }, roots.slice(0, 2)), null),
    );
    const text = "Позвонить адвокату семьи; сверить с сообщением от 25.11.";
    const sealed = await sealText(text, list);
    expect(new TextDecoder("latin1").decode(sealed)).not.toContain("адвокат");
    expect(sealed.length).toBeGreaterThan(1024); // padded like a report
    expect(await openText(sealed, amina.identity)).toBe(text);
    expect(await openText(base64.encode(sealed), bakyt.identity)).toBe(text);
  });

  it("is refused when its age file would exceed 64 KiB", async () => {
    const list = await verifiedRecipientList(
      context(signList({ seq: 1, recipients: [amina.recipient] }, roots.slice(0, 2)), null),
    );
    await expect(sealText("ж".repeat(40_000), list)).rejects.toThrow(TooLongError);
  });
});
