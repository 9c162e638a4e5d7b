import { describe, expect, it } from "vitest";

import {
  blank,
  draftFromV1,
  emptyDraftV2,
  missingToSend,
  readDraft,
  removeAct,
  removePerpetrators,
  removePerson,
  type ReportDraftV2,
} from "./draftV2";
import { checkReportV2 } from "./v2";

/** A draft as the phone would seal it: what sealing adds, added. */
const sealed = (draft: ReportDraftV2): unknown => {
  const { draftId: _d, updatedAt: _u, step: _s, ...rest } = draft;
  return {
    ...rest,
    reportId: "0190f0a0-0000-7000-8000-000000000001",
    deviceTime: "2026-12-07T10:00:00+05:00",
    reply: null,
  };
};

describe("a v2 draft", () => {
  it("starts with nothing answered, and is a valid report once sealed", () => {
    const draft = emptyDraftV2("ru", "d1", new Date("2026-12-07T05:00:00Z"));
    expect(draft.reporter.reprisalRisk).toBeNull();
    expect(draft.consent.victimConsents).toBeNull();
    expect(missingToSend(draft)).toEqual(["kinds", "consent"]);
    expect(checkReportV2(sealed(draft))).toEqual({ ok: true, report: sealed(draft) });
  });

  it("holds blank parts the schema accepts, linked by id", () => {
    const draft = emptyDraftV2("ru", "d1", new Date("2026-12-07T05:00:00Z"));
    const full: ReportDraftV2 = {
      ...draft,
      kinds: ["torture"],
      consent: { ...draft.consent, record: true },
      people: [blank.person("p1")],
      perpetrators: [blank.perpetrators("g1")],
      acts: (["detention", "search", "interrogation", "ill_treatment", "harm_to_relative"] as const).map((type) => ({
        ...blank.act(type, `a-${type}`, ["p1"]),
        perpetratorIds: ["g1"],
      })),
      medical: [blank.medical("m1", "p1")],
      complaints: [{ ...blank.complaint("c1"), personIds: ["p1"] }],
    };
    expect(missingToSend(full)).toEqual([]);
    expect(checkReportV2(sealed(full)).ok).toBe(true);
    // Removing a person, a group or an act leaves no reference to it behind.
    const linked: ReportDraftV2 = {
      ...full,
      reporter: { ...full.reporter, personId: "p1" },
      injuries: [
        {
          ...blank.injury("i1", "p1", { side: "front", region: "head", x: 0.5, y: 0.1 }),
          actId: "a-detention",
        },
      ],
    };
    const pruned = removeAct(removePerpetrators(removePerson(linked, "p1"), "g1"), "a-detention");
    expect(checkReportV2(sealed(pruned)).ok).toBe(true);
    expect(pruned.people).toEqual([]);
    expect(pruned.acts.every((act) => act.personIds.length === 0 && act.perpetratorIds.length === 0)).toBe(true);
    expect(pruned.injuries[0]).toMatchObject({ personId: null, actId: null });
    expect(pruned.reporter.personId).toBeNull();
    const broken = { ...full, acts: [{ ...blank.act("search", "a1"), personIds: ["nobody"] }] };
    expect(checkReportV2(sealed(broken))).toMatchObject({ ok: false, problems: [{ path: "/acts/0/personIds/0" }] });
  });

  it("reads a draft the v1 form saved as v2, keeping its answers and its id", () => {
    const v1 = {
      format: "kua.report",
      version: 1,
      formVersion: 1,
      draftId: "d-old",
      updatedAt: "2026-12-01T08:00:00.000Z",
      language: "ru",
      happeningNow: false,
      reporter: { role: "relative", relationToVictim: "сын", safeContact: null, reprisalRisk: "unknown" },
      consent: { record: true, photograph: false, shareWithProsecutor: true, shareWithUn: false },
      kinds: ["interrogation"],
      when: { precision: "exact", value: "2020-04-28" },
      where: { village: "sortobe", other: null, placeType: "home", gps: null },
      account: "Допрашивали всю ночь",
      victims: [{ id: "v1", name: "Дунгаров А.", age: 78, sex: "male", relationToReporter: "отец", health: null }],
      perpetrators: {
        agency: null,
        unit: null,
        count: null,
        clothing: null,
        vehicles: null,
        namesOrDescriptions: null,
      },
      detention: null,
      search: null,
      interrogation: {
        start: { precision: "exact", value: "2020-04-28T22:00" },
        hours: 14,
        atNight: "yes",
        investigators: 5,
        lawyerPresent: "no",
        breaks: "unknown",
        confessionDemanded: "yes",
        confessionSigned: "unknown",
        threats: null,
      },
      torture: null,
      injuries: [],
      medical: null,
      harmToRelatives: [],
      otherPhotos: [],
    };
    const draft = readDraft(v1);
    expect(draft).toMatchObject({
      version: 2,
      draftId: "d-old",
      updatedAt: v1.updatedAt,
      step: null,
      account: v1.account,
    });
    expect(draft.people).toEqual([
      expect.objectContaining({ id: "v1", fullName: "Дунгаров А.", age: 78, roles: ["victim"] }),
    ]);
    expect(draft.acts).toEqual([
      expect.objectContaining({ type: "interrogation", personIds: ["v1"], hours: 14, atNight: "yes", breaks: null }),
    ]);
    expect(draft.reporter.reprisalRisk).toBeNull(); // v1's pre-selected "unknown" is not the reporter's answer
    expect(checkReportV2(sealed(draft)).ok).toBe(true);
    expect(readDraft(draft as never)).toEqual(draft);
    expect(draftFromV1(v1 as never).draftId).toBe("d-old");
  });
});
