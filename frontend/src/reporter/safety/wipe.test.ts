/** The wipe: after it, the phone holds no database of this app (caches and workers exist only in browsers). */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { completeDraft, harness } from "../outbox/testing/harness";

describe("a reporter wiping the app", () => {
  it("deletes the database with its drafts, outbox and receipts", async () => {
    const h = await harness();
    await h.engine.saveDraft(completeDraft(h));
    await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();
    expect((await indexedDB.databases()).map((db) => db.name)).toContain("kua");

    await h.engine.wipeEverything();

    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain("kua");
  });
});
