/**
 * Drafts the v1 form left on a phone before the update: the app reads them as v2 (`readDraft`),
 * stores them back as v2 once, and a reopened app finds the same v2 draft.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import type { ReportDraftV2 } from "../../shared/report/draftV2";
import { fullV1 } from "../../shared/report/testing/v1Reports";
import { harness, reopen } from "../outbox/testing/harness";
import { openKuaDb } from "./db";

/** What the v1 form stored: a v1 report without what sealing adds, with its draft id. */
function v1Draft(): Record<string, unknown> {
  const { reportId: _id, deviceTime: _time, reply: _reply, ...answers } = fullV1();
  return { ...answers, draftId: "0190a6c4-0000-7000-8000-000000000001", updatedAt: "2026-03-01T10:00:00.000Z" };
}

async function storedRecord(): Promise<string> {
  const db = await openKuaDb();
  const records = await db.getAll("drafts");
  db.close();
  return JSON.stringify(
    records.map((record) => ("ciphertext" in record ? [...new Uint8Array(record.ciphertext)] : record)),
  );
}

describe("a v1 draft on a phone that updated", () => {
  it("opens as a v2 draft with every answer, is stored back as v2 once, and reopens the same", async () => {
    const h = await harness();
    // Given a draft the v1 form saved (the store encrypts whatever JSON it is given)
    const old = v1Draft();
    await h.engine.saveDraft(old as unknown as ReportDraftV2);
    const before = await storedRecord();

    // When the updated app lists the drafts
    const [draft] = await h.engine.listDrafts();

    // Then it is a v2 draft that kept the v1 answers, each in its v2 place
    expect(draft).toMatchObject({ version: 2, draftId: old["draftId"], step: null, account: fullV1().account });
    const victim = fullV1().victims[0]!;
    expect(draft!.people).toEqual([
      expect.objectContaining({ id: victim.id, fullName: victim.name, roles: ["victim"] }),
    ]);
    expect(draft!.acts).toContainEqual(
      expect.objectContaining({ type: "interrogation", personIds: [victim.id], hours: fullV1().interrogation!.hours }),
    );
    expect(draft!.consent).toMatchObject({ record: fullV1().consent.record, victimConsents: null });

    // And it was stored back (re-encrypted) once: listing again writes nothing
    const after = await storedRecord();
    expect(after).not.toBe(before);
    await h.engine.listDrafts();
    expect(await storedRecord()).toBe(after);

    // And the app reopened on the same phone reads the same v2 draft
    const again = await reopen(h);
    expect(await again.listDrafts()).toEqual([draft]);
  });
});
