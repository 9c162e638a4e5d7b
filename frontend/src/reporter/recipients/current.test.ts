/**
 * Which recipient list a phone seals to: the newest verified of the shipped, stored and fetched
 * lists; a list that fails verification or rolls back is refused and never used.
 */
import "fake-indexeddb/auto";

import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { RecipientListError } from "../../shared/crypto";
import { readVectors } from "../../shared/crypto/testing/sharedVectors";
import { freshIndexedDb } from "../outbox/testing/harness";
import { getSetting, openKuaDb, type KuaDb } from "../store/db";
import {
  NoRecipientListError,
  acceptRecipientList,
  currentRecipientList,
  fetchRecipientList,
  refreshRecipientList,
  type RecipientListContext,
} from "./current";
import { reviewer, rootKeyPair, signList, type Reviewer } from "../../shared/crypto/testing/signing";

const roots = [rootKeyPair(), rootKeyPair(), rootKeyPair()] as const;
const stranger = rootKeyPair();
const trust = { rootPublicKeys: roots.map((root) => root.publicKey), threshold: 2 };
const signers = roots.slice(0, 2);
let reviewers: Reviewer[] = [];

beforeAll(async () => {
  reviewers = [await reviewer(), await reviewer(), await reviewer()];
});

let db: KuaDb;
beforeEach(async () => {
  freshIndexedDb();
  db = await openKuaDb();
  requests = [];
});

/** A list of seq `seq` naming reviewer number `seq % 3`, signed by two root keys. */
function list(seq: number, by = signers): string {
  return signList({ seq, recipients: [reviewers[seq % 3]?.recipient ?? ""] }, by);
}

/** Requests the fake server saw: the If-None-Match each carried. */
let requests: (string | null)[] = [];

/** A server publishing `served` under the ETag of its bytes, answering a matching If-None-Match with 304. */
function context(shipped: string | null, served: string | null, online = true): RecipientListContext {
  return {
    db,
    trust: { ...trust, recipientList: shipped },
    fetch: async (_url, init) => {
      const ifNoneMatch = new Headers(init?.headers).get("If-None-Match");
      requests.push(ifNoneMatch);
      if (served === null) return new Response("{}", { status: 404 });
      const etag = `"${served.length}-${served.slice(-12)}"`;
      if (ifNoneMatch === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
      return new Response(served, { status: 200, headers: { ETag: etag } });
    },
    apiBase: "https://kua.test",
    now: () => new Date("2026-12-01T00:00:00Z"),
    online: () => online,
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RecipientListError) return error.code;
    throw error;
  }
  throw new Error("the list was accepted");
}

describe("the recipient list a phone seals to", () => {
  it("is the shipped one on a first use offline", async () => {
    const current = await currentRecipientList(context(list(2), null, false));
    expect(current.seq).toBe(2);
    expect((await getSetting(db, "recipientList"))?.seq).toBe(2);
  });

  it("is the fetched one on a first use with nothing shipped, and that one is remembered", async () => {
    const current = await currentRecipientList(context(null, list(4)));
    expect(current.seq).toBe(4);
    expect(current.recipients[0]?.recipient).toBe(reviewers[1]?.recipient);
    // Later, offline, with an older build: the stored list still wins over the shipped one.
    expect((await currentRecipientList(context(list(2), null, false))).seq).toBe(4);
  });

  it("never asks the server while a valid list is stored or shipped, even when the server has a newer one", async () => {
    expect((await currentRecipientList(context(list(2), list(4)))).seq).toBe(2);
    await acceptRecipientList(context(null, null), list(3));
    expect((await currentRecipientList(context(null, list(4)))).seq).toBe(3);
    expect(requests).toEqual([]);
  });

  it("is refreshed in the background: a newer list is stored with its ETag, then the same one costs a 304", async () => {
    await acceptRecipientList(context(null, null), list(2));
    const refreshed = await refreshRecipientList(context(null, list(4)));
    expect(refreshed.kind).toBe("newer");
    const stored = await getSetting(db, "recipientList");
    expect(stored?.seq).toBe(4);
    expect(stored?.etag).toMatch(/^".+"$/);
    expect((await currentRecipientList(context(null, null, false))).seq).toBe(4);

    // Asked again: the ETag goes as If-None-Match and the 304 changes nothing.
    expect(await refreshRecipientList(context(null, list(4)))).toEqual({ kind: "unchanged" });
    expect(requests).toEqual([null, stored?.etag]);
    expect(await getSetting(db, "recipientList")).toEqual(stored);
  });

  it("learns the ETag of the list it already has, so the next refresh is a 304", async () => {
    await currentRecipientList(context(list(2), null, false));
    expect(await refreshRecipientList(context(list(2), list(2)))).toEqual({ kind: "unchanged" });
    expect((await getSetting(db, "recipientList"))?.etag).toBeDefined();
    await refreshRecipientList(context(list(2), list(2)));
    expect(requests[1]).toBe((await getSetting(db, "recipientList"))?.etag);
  });

  it("stores nothing from a refresh that finds no server or a refused list", async () => {
    await acceptRecipientList(context(null, null), list(6));
    const before = await getSetting(db, "recipientList");
    expect(
      await refreshRecipientList({ ...context(null, null), fetch: () => Promise.reject(new TypeError("offline")) }),
    ).toEqual({
      kind: "unavailable",
    });
    expect(await refreshRecipientList(context(null, null))).toEqual({ kind: "unavailable" });
    expect(await refusal(refreshRecipientList(context(null, list(5))))).toBe("rollback");
    expect(await refusal(refreshRecipientList(context(null, list(9, [roots[0], stranger]))))).toBe("unknown_signer");
    expect(await getSetting(db, "recipientList")).toEqual(before);
  });

  it("is the stored one when the build ships an older list and the server is out of reach", async () => {
    await acceptRecipientList(context(null, null), list(5));
    expect((await currentRecipientList(context(list(3), null))).seq).toBe(5);
  });

  it("refuses a served list that rolls back, and keeps sealing to the newer one it has", async () => {
    await acceptRecipientList(context(null, null), list(6));
    expect(await refusal(fetchRecipientList(context(null, list(5))))).toBe("rollback");
    const current = await currentRecipientList(context(null, list(5)));
    expect(current.seq).toBe(6);
    expect((await getSetting(db, "recipientList"))?.seq).toBe(6);
  });

  it("refuses a served list with a forged signature or an unknown signer", async () => {
    const forged = JSON.parse(list(9)) as { payload: string };
    forged.payload = (JSON.parse(list(10)) as { payload: string }).payload;
    expect(await refusal(fetchRecipientList(context(null, JSON.stringify(forged))))).toBe("bad_signature");
    expect(await refusal(fetchRecipientList(context(null, list(9, [roots[0], stranger]))))).toBe("unknown_signer");
    expect(await refusal(fetchRecipientList(context(null, list(9, [roots[0]]))))).toBe("too_few_signatures");
    expect(await getSetting(db, "recipientList")).toBeUndefined();
    expect((await currentRecipientList(context(list(1), JSON.stringify(forged)))).seq).toBe(1);
  });

  it("throws the refusal when no valid list is left (expired), and says so when there is none", async () => {
    const expired = signList(
      {
        seq: 3,
        recipients: [reviewers[0]?.recipient ?? ""],
        notBefore: "2026-01-01T00:00:00Z",
        notAfter: "2026-06-01T00:00:00Z",
      },
      signers,
    );
    expect(await refusal(currentRecipientList(context(expired, null)))).toBe("expired");
    await expect(currentRecipientList(context(null, null))).rejects.toThrow(NoRecipientListError);
    await expect(currentRecipientList({ ...context(null, null), trust: null })).rejects.toThrow(NoRecipientListError);
  });

  it("is verified once per page, yet refused once the clock passes its not_after", async () => {
    let now = new Date("2026-12-01T00:00:00Z");
    const ctx = { ...context(list(4), null, false), now: () => now };
    const first = await currentRecipientList(ctx);
    expect(await currentRecipientList(ctx)).toBe(first); // the verified list itself, not verified again
    now = new Date("2027-05-24T09:00:00Z");
    expect(await refusal(currentRecipientList(ctx))).toBe("expired");
  });

  it("reaches the shared vectors' verdicts when a vector list is served", async () => {
    const vectors = readVectors("recipient-lists.json");
    for (const vector of vectors.cases) {
      freshIndexedDb();
      db = await openKuaDb();
      if (vector.min_seq > 0) {
        await db.put("settings", { seq: vector.min_seq, text: "" }, "recipientList");
      }
      const ctx: RecipientListContext = {
        db,
        trust: { rootPublicKeys: vectors.root_public_keys, threshold: vectors.threshold, recipientList: null },
        fetch: async () => new Response(vector.signed),
        apiBase: "https://kua.test",
        now: () => new Date(vector.now),
        online: () => true,
      };
      const verdict = await fetchRecipientList(ctx).then(
        () => "ok",
        (error: unknown) => (error instanceof RecipientListError ? error.code : String(error)),
      );
      expect(verdict, vector.name).toBe(vector.expect);
      db.close();
    }
  });
});
