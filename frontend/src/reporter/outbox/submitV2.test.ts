/**
 * Sending a v2 report: what the phone seals is a v2 report the console reads (`readSealed`) and the
 * format accepts (`checkReportV2`), with every answer kept; a draft the format refuses is never
 * sealed, stays a draft, and the log names where it failed, never what the reporter wrote.
 */
import "fake-indexeddb/auto";

import { afterEach, describe, expect, it, vi } from "vitest";

import { open } from "../../shared/crypto";
import { blank, type ReportDraftV2 } from "../../shared/report/draftV2";
import { readSealed } from "../../shared/report/read";
import { checkReportV2 } from "../../shared/report/v2";
import { openKuaDb } from "../store/db";
import { SubmitError } from "./errors";
import { completeDraft, harness, type Harness } from "./testing/harness";
import { readStoredBytes } from "../store/storedBytes";

/** A family's report as the v2 form builds it: two people, acts tied to them, a perpetrator group. */
function familyReport(h: Harness): ReportDraftV2 {
  const son = { ...blank.person("p-son"), fullName: "Айдыр Масанов", birthDate: "1990", roles: ["victim" as const] };
  const mother = {
    ...blank.person("p-mother"),
    fullName: "Цундер Хузова",
    birthDate: "1942-03-05",
    roles: ["relative_harmed" as const],
    sex: "female" as const,
    ethnicity: "дунганка",
  };
  const police = { ...blank.perpetrators("g-1"), agency: "police", count: 5 };
  const interrogation = {
    ...blank.act("interrogation", "a-1", ["p-son"]),
    perpetratorIds: ["g-1"],
    hours: 14,
    atNight: "yes" as const,
    lawyerPresent: "no" as const,
    source: "victim_told_me" as const,
  };
  return completeDraft(h, {
    kinds: ["detention", "interrogation", "torture"],
    consent: {
      record: true,
      photograph: false,
      shareWithProsecutor: true,
      shareWithUn: true,
      victimConsents: "yes",
      namesToGovernment: "dont_know",
    },
    reporter: { role: "relative", personId: null, relationToVictim: "мать", safeContact: null, reprisalRisk: "yes" },
    where: { village: "bular_batyr", other: null, placeType: "home", gps: null },
    when: { precision: "approximate", value: "2020-04-28" },
    people: [son, mother],
    perpetrators: [police],
    acts: [interrogation],
    step: "review",
  });
}

async function sealedPlaintext(h: Harness, reportId: string): Promise<Uint8Array> {
  const db = await openKuaDb();
  const record = await db.get("outbox", reportId);
  db.close();
  if (!record?.ciphertext) throw new Error("nothing queued under this report id");
  return open(await readStoredBytes(record.ciphertext), [h.reviewer.identity]);
}

/** A phone without network: what is sealed stays in the outbox, where the test reads it. */
async function offlineHarness(): Promise<Harness> {
  const h = await harness();
  h.online = false;
  h.intake.defaultAnswer = "network_error";
  return h;
}

afterEach(() => vi.restoreAllMocks());

describe("a reporter sending a v2 report", () => {
  it("seals a version 2 report that the console reads and the format accepts, every answer kept", async () => {
    const h = await offlineHarness();
    const draft = familyReport(h);
    await h.engine.saveDraft(draft);

    const reportId = await h.engine.submit(draft);

    const { sealed, report } = readSealed(await sealedPlaintext(h, reportId));
    expect(sealed).toBe(report); // a v2 report is read as sealed, not upgraded
    expect(checkReportV2(report).ok).toBe(true);
    const { draftId: _d, updatedAt: _u, step: _s, ...answers } = draft;
    expect(report).toEqual({ ...answers, reportId, deviceTime: report.deviceTime, reply: report.reply });
    expect(report.version).toBe(2);
    expect(Object.keys(report)).not.toContain("step");
    expect(Object.keys(report)).not.toContain("draftId");
    expect(await h.engine.listDrafts()).toEqual([]);
  });

  it("never seals a draft the format refuses: the draft stays, the log names the place, not the words", async () => {
    const h = await offlineHarness();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // A fault of the form: a birth date that is no date
    const broken = familyReport(h);
    const draft: ReportDraftV2 = {
      ...broken,
      people: [{ ...broken.people[0]!, birthDate: "семьдесят восемь" }],
    };
    await h.engine.saveDraft(draft);

    const refused = h.engine.submit(draft);

    await expect(refused).rejects.toBeInstanceOf(SubmitError);
    await expect(refused).rejects.toMatchObject({ code: "invalid" });
    const db = await openKuaDb();
    expect(await db.count("outbox")).toBe(0);
    expect(await db.count("reportKeys")).toBe(0);
    db.close();
    expect((await h.engine.listDrafts()).map((d) => d.draftId)).toEqual([draft.draftId]);
    const logged = errors.mock.calls.flat().map(String).join("\n");
    expect(logged).toContain("/people/0/birthDate");
    expect(logged).not.toContain("семьдесят");
    expect(logged).not.toContain("Масанов");
  });

  it("adds details to a sent report: a new full report with the same people, place, time and kinds, naming it", async () => {
    const h = await offlineHarness();
    // Given a "happening now" report sent in three screens
    const urgent = familyReport(h);
    const first = await h.engine.submit({ ...urgent, happeningNow: true, acts: [], perpetrators: [] });

    // When its sender taps "Add details"
    const addition = await h.engine.draftAddingTo(first, "ru");

    // Then the new draft is a full report prefilled with what the first one said, adding to it
    expect(addition).toMatchObject({
      addsTo: first,
      happeningNow: false,
      kinds: urgent.kinds,
      when: urgent.when,
      where: urgent.where,
      people: urgent.people,
      account: null,
      step: null,
    });
    expect(addition.draftId).not.toBe(urgent.draftId);
    // And what it seals names the first report
    const second = await h.engine.submit({ ...addition, consent: { ...addition.consent, record: true } });
    const { report } = readSealed(await sealedPlaintext(h, second));
    expect(report.addsTo).toBe(first);
    expect(readSealed(await sealedPlaintext(h, first)).report.addsTo).toBeNull();
  });
});
