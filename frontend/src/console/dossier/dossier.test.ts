/** A case's dossier gathers what its reports say, in the case's order, and invents nothing. */
import { describe, expect, it } from "vitest";

import { sampleReport } from "../testing/reports";
import type { Act } from "../../shared/report/v2";
import { evidenceOf } from "./appeal/evidence";
import { buildDossier, consenting, type DossierInput } from "./dossier";
import { documentLanguage } from "./language";
import { actBlocks } from "./parts/acts";
import { peopleCounts, perpetratorsTable } from "./parts/persons";
import { answeredReport } from "./testing/goldenCases";
import { caseOf } from "./testing/materials";
import { MOTHER_ID, NEIGHBOUR_ID, PHOTO, UNREADABLE_ID, seedCase } from "./testing/seedCase";

const ru = documentLanguage("ru");

describe("a case's dossier", () => {
  it("sums the case up: reports, dates, the village, victims, kinds", () => {
    const { summary } = buildDossier(seedCase());
    expect(peopleCounts(evidenceOf(seedCase()))).toEqual({ people: 2, elderly: 1 });
    expect(summary).toMatchObject({
      reportCount: 2,
      caseReportCount: 3,
      from: "2020-04-28",
      to: "2020-04-29",
      injuryCount: 1,
      photoCount: 1,
      happeningNow: false,
    });
    expect(summary.places.map((p) => p.village)).toEqual(["sortobe"]);
    expect(summary.kinds).toEqual([
      "detention",
      "search",
      "interrogation",
      "torture",
      "paperwork",
      "harm_to_relatives",
    ]);
  });

  it("counts as elderly a father of 78 given in years, and says nothing when no age is known", () => {
    // One person in each report: the mother's son, the neighbour's mother
    const withAges = ([son, neighbour]: (number | "elderly" | null)[]) => {
      const input = seedCase();
      const opened = input.opened.map((source) => ({
        ...source,
        report: {
          ...source.report,
          victims: source.report.victims.map((victim) => ({
            ...victim,
            age: (source.meta.report_id === MOTHER_ID ? son : neighbour) ?? null,
          })),
        },
      }));
      return peopleCounts(evidenceOf({ ...input, opened })).elderly;
    };
    expect(withAges([78, null])).toBe(1); // "Из них пожилые: не известно" for a man of 78 was wrong
    expect(withAges([78, "elderly"])).toBe(2);
    expect(withAges([34, 41])).toBe(0); // ages known: none elderly, said as 0
    expect(withAges([null, null])).toBeNull(); // nothing known: not guessed
    // A harmed father of 78 counts though he is no "victim", and a son born in 1986 is known not to be elderly
    expect(peopleCounts(evidenceOf(caseOf(answeredReport())))).toEqual({ people: 2, elderly: 1 });
  });

  it("leaves out a relative's harm sent with nothing filled in (no row of 'unknown')", () => {
    const input = seedCase();
    const empty = { who: null, what: null, when: { precision: "unknown" as const, value: null }, details: null };
    const opened = input.opened.map((source) => ({
      ...source,
      report: { ...source.report, harmToRelatives: [...source.report.harmToRelatives, empty] },
    }));
    const harms = (of: DossierInput) => actBlocks(ru, evidenceOf(of), "harm_to_relative");
    expect(harms(input).length).toBeGreaterThan(0);
    expect(harms({ ...input, opened })).toHaveLength(harms(input).length);
  });

  it("numbers reports in the case's order and keeps their arrival facts, naming the ones not opened", () => {
    const dossier = buildDossier(seedCase());
    expect(dossier.sources.map((s) => [s.reportNumber, s.reportId, s.receivedAt, s.sha256.slice(0, 1)])).toEqual([
      [1, MOTHER_ID, "2020-04-29T08:00:00Z", "a"],
      [2, NEIGHBOUR_ID, "2020-04-29T09:30:00Z", "b"],
    ]);
    expect(dossier.missing).toEqual([UNREADABLE_ID]);
  });

  it("merges the timeline and marks each safeguard answered no as a violation", () => {
    const dossier = buildDossier(seedCase());
    expect(dossier.timeline.map((e) => `${e.at} ${e.reportNumber} ${e.what}`)).toEqual([
      "2020-04-28 1 timeline.injury",
      "2020-04-28T06:00 1 timeline.incident",
      "2020-04-28T06:00 1 timeline.detention",
      "2020-04-28T08:00 1 timeline.interrogation",
      "2020-04-28T12:00 2 timeline.incident",
      "2020-04-28T12:00 2 timeline.searchStart",
      "2020-04-28T22:00 1 timeline.release",
      "2020-04-29 2 timeline.harm",
    ]);
    // A v1 report's "no warrant at detention" is no violation: detaining a suspect needs none
    const violations = (type: Act["type"]) =>
      actBlocks(ru, evidenceOf(seedCase()), type).flatMap((block) =>
        block.rows.flatMap((row) => (row.violation ? [row.violation] : [])),
      );
    expect(violations("detention")).toEqual([
      "detention.detentionRecord",
      "detention.chargesTold",
      "detention.lawyerAllowed",
    ]);
    expect(violations("interrogation")).toEqual(["interrogation.lawyerPresent", "interrogation.breaks"]);
    expect(violations("search")).toEqual(["search.warrantShown"]);
  });

  it("ties injuries to their person and photos to their injury, with the photo's hashes", () => {
    const dossier = buildDossier(seedCase());
    const { injuries } = evidenceOf(seedCase());
    expect(injuries).toHaveLength(1);
    expect(injuries[0]).toMatchObject({
      number: 1,
      reportNumber: 1,
      person: { number: 1, person: { fullName: "Айдир Масанов" } },
    });
    expect(dossier.photos).toEqual([
      {
        reportId: MOTHER_ID,
        reportNumber: 1,
        photo: PHOTO,
        injuryNumber: 1,
        received: true,
        withdrawn: false,
        consented: true,
      },
    ]);
    // The same photo from a reporter who did not agree to its use is marked so (never printed).
    const refused = seedCase();
    const opened = refused.opened.map((source) => ({
      ...source,
      report: { ...source.report, consent: { ...source.report.consent, photograph: false } },
    }));
    expect(buildDossier({ ...refused, opened }).photos.map((p) => p.consented)).toEqual([false]);
  });

  it("leaves out what a report does not say: no perpetrators, no invented person", () => {
    const dossier = buildDossier(seedCase());
    expect(perpetratorsTable(ru, evidenceOf(seedCase())).rows.map((row) => row.cells.at(-1))).toEqual([
      "Сообщение № 1",
    ]);
    expect(evidenceOf(seedCase()).people[1]!.person).toMatchObject({
      id: "v1",
      fullName: null,
      birthDate: null,
      age: "elderly",
      sex: "female",
      ethnicity: null,
      relationToReporter: null,
      health: null,
    });
    expect(dossier.accounts.map((a) => a.reportNumber)).toEqual([1]);
  });

  it("builds an appeal only from the reports whose reporter consented to its addressee", () => {
    expect(buildDossier(consenting(seedCase(), "un")).sources.map((s) => s.reportId)).toEqual([MOTHER_ID]);
    expect(buildDossier(consenting(seedCase(), "prosecutor")).sources.map((s) => s.reportId)).toEqual([
      MOTHER_ID,
      NEIGHBOUR_ID,
    ]);
  });

  it("is empty, not guessed, for a case whose reports say almost nothing", () => {
    const bare = sampleReport({
      when: { precision: "unknown", value: null },
      where: { village: null, other: null, placeType: null, gps: null },
      detention: null,
      victims: [],
    });
    const dossier = buildDossier({
      caseId: "c",
      title: null,
      reportIds: ["x"],
      opened: [{ meta: seedCase().opened[0]!.meta, report: bare }],
    });
    expect(dossier.sources).toEqual([]);
    const own = buildDossier({
      caseId: "c",
      title: null,
      reportIds: [NEIGHBOUR_ID],
      opened: [{ meta: seedCase().opened[0]!.meta, report: bare }],
    });
    expect(own.summary).toMatchObject({ from: null, to: null, places: [], injuryCount: 0 });
  });
});
