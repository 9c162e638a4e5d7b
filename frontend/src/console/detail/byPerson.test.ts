/**
 * The report organised by person: every act, injury and medical entry appears exactly once, under
 * the right person or under "not tied to a person"; acts in time order; the age and "elderly" from
 * the birth date at the time of the events.
 */
import { describe, expect, it } from "vitest";

import seedLetter from "../../shared/report/examples/seed-letter.v2.json";
import { fullV1 } from "../../shared/report/testing/v1Reports";
import { upgradeV1 } from "../../shared/report/upgrade";
import type { Act, Person, ReportV2 } from "../../shared/report/v2";
import { ageAt, ELDERLY_FROM, groupByPerson, type ByPerson } from "./byPerson";

const seed = (): ReportV2 => structuredClone(seedLetter) as ReportV2;

/** Where each item was put: "<person id>" or "untied", once per appearance in full. */
function placements(grouped: ByPerson): Record<"acts" | "injuries" | "medical" | "complaints", string[]> {
  const placed = {
    acts: [] as string[],
    injuries: [] as string[],
    medical: [] as string[],
    complaints: [] as string[],
  };
  for (const group of [
    ...grouped.people.map((g) => ({ ...g, at: g.person.id })),
    { ...grouped.untied, at: "untied" },
  ]) {
    for (const list of ["acts", "injuries", "medical", "complaints"] as const)
      placed[list].push(...group[list].map((item) => `${item.id}@${group.at}`));
  }
  return placed;
}

/** Each item of the report is placed exactly once. */
function expectEachOnce(report: ReportV2, grouped: ByPerson): void {
  const placed = placements(grouped);
  for (const list of ["acts", "injuries", "medical", "complaints"] as const) {
    const ids = placed[list].map((where) => where.split("@")[0]);
    expect(ids.sort(), list).toEqual(report[list].map((item) => item.id).sort());
  }
}

const person = (id: string, changes: Partial<Person> = {}): Person => ({
  id,
  fullName: null,
  birthDate: null,
  age: null,
  sex: null,
  ethnicity: null,
  relationToReporter: null,
  roles: ["victim"],
  whereabouts: null,
  custody: null,
  health: null,
  ...changes,
});

describe("the seed letter's report, by person", () => {
  const report = seed();
  const grouped = groupByPerson(report);
  const aydir = grouped.people.find((g) => g.person.id === "aydir")!;
  const sister = grouped.people.find((g) => g.person.id === "sister")!;

  it("puts the detention, the 14-hour interrogation and the beating under Aydir Masanov, in time order", () => {
    expect(aydir.person.fullName).toBe("Масанов Айдыр");
    expect(aydir.acts.map((act) => act.id)).toEqual(["taken", "questioned", "beaten"]);
    const questioned = aydir.acts.find((act) => act.type === "interrogation")!;
    expect(questioned).toMatchObject({ hours: 14, confessionDemanded: "yes", source: "victim_told_me" });
    const beaten = aydir.acts.find((act) => act.type === "ill_treatment")!;
    expect(beaten.source).toBe("victim_told_me");
    expect(beaten.type === "ill_treatment" && beaten.methods).toContain("bag_over_head");
  });

  it("gives him his injury and his medical care, and his sister (the reporter) nothing of his", () => {
    expect(aydir.injuries.map((i) => i.id)).toEqual(["back-bruise"]);
    expect(aydir.medical.map((m) => m.id)).toEqual(["care"]);
    expect(sister.isReporter).toBe(true);
    expect(aydir.isReporter).toBe(false);
    expect([...sister.acts, ...sister.injuries, ...sister.medical, ...sister.alsoActs]).toEqual([]);
  });

  it("places every act, injury and medical entry exactly once, nothing tied to nobody", () => {
    expectEachOnce(report, grouped);
    expect(grouped.untied).toEqual({ acts: [], injuries: [], medical: [], complaints: [] });
  });

  it("counts his age at the time of the events from his birth year: 34, not elderly", () => {
    expect(aydir.age).toEqual({ years: 34, elderly: false, basis: "birth_year" });
  });
});

describe("what is tied to nobody", () => {
  const report = seed();
  report.people.push(person("brother", { fullName: "Масанов Ильяс" }));
  const act = (id: string, personIds: string[], value: string | null): Act => ({
    ...(report.acts[0] as Extract<Act, { type: "detention" }>),
    id,
    personIds,
    when: value === null ? null : { precision: "exact", value },
  });
  report.acts.push(
    act("nobody", [], "2020-04-28T05:00"),
    act("both", ["brother", "aydir"], "2020-04-28T07:00"),
    act("ghost", ["not-in-the-report"], null),
    act("brother-late", ["brother"], null),
    act("brother-early", ["brother"], "2020-04-27"),
  );
  report.injuries.push({ ...report.injuries[0]!, id: "whose", personId: null });
  report.medical.push({ ...report.medical[0]!, id: "care-nobody", personId: null });
  report.complaints.push(
    {
      id: "c-both",
      personIds: ["aydir", "brother"],
      to: "прокуратура",
      when: null,
      source: null,
      answered: null,
      answer: null,
    },
    { id: "c-none", personIds: [], to: "омбудсмен", when: null, source: null, answered: "no", answer: null },
  );
  const grouped = groupByPerson(report);
  const of = (id: string) => grouped.people.find((g) => g.person.id === id)!;

  it("is never dropped: acts without people (or with unknown ones), injuries and care without a person", () => {
    expectEachOnce(report, grouped);
    expect(grouped.untied.acts.map((a) => a.id)).toEqual(["nobody", "ghost"]);
    expect(grouped.untied.injuries.map((i) => i.id)).toEqual(["whose"]);
    expect(grouped.untied.medical.map((m) => m.id)).toEqual(["care-nobody"]);
    expect(grouped.untied.complaints.map((c) => c.id)).toEqual(["c-none"]);
  });

  it("shows an act on two people in full under the first, by reference under the other", () => {
    expect(of("brother").acts.map((a) => a.id)).toEqual(["brother-early", "both", "brother-late"]);
    expect(of("aydir").alsoActs.map((a) => a.id)).toEqual(["both"]);
    expect(of("aydir").acts.map((a) => a.id)).not.toContain("both");
    expect(of("aydir").complaints.map((c) => c.id)).toEqual(["c-both"]);
    expect(of("brother").alsoComplaints.map((c) => c.id)).toEqual(["c-both"]);
  });
});

describe("a v1 report, upgraded", () => {
  it("with one victim, puts every act done to him, the injury and the medical care under him", () => {
    const report = upgradeV1(fullV1());
    const grouped = groupByPerson(report);
    expect(grouped.people).toHaveLength(1);
    const [hasan] = grouped.people;
    expect(hasan!.person.fullName).toBe("Хасан");
    expect(hasan!.acts.map((a) => a.type)).toEqual(["detention", "search", "interrogation", "ill_treatment"]);
    expect(hasan!.injuries.map((i) => i.id)).toEqual(["i1"]);
    expect(hasan!.medical.map((m) => m.id)).toEqual(["medical"]);
    expect(hasan!.age).toEqual({ years: 34, elderly: false, basis: "given" });
    // Harm to relatives befell the wife and the grandmother, whom v1 did not list as people.
    expect(grouped.untied.acts.map((a) => a.type)).toEqual(["harm_to_relative", "harm_to_relative"]);
    expectEachOnce(report, grouped);
  });

  it("with two victims, guesses nobody: the acts are not tied to a person, injuries keep their victim", () => {
    const v1 = fullV1();
    v1.victims.push({ id: "v2", name: null, age: "elderly", sex: "female", relationToReporter: null, health: null });
    v1.injuries.push({ ...v1.injuries[0]!, id: "i2", victimId: null });
    const report = upgradeV1(v1);
    const grouped = groupByPerson(report);
    expectEachOnce(report, grouped);
    expect(grouped.untied.acts).toHaveLength(report.acts.length);
    expect(grouped.untied.medical).toHaveLength(1);
    expect(grouped.untied.injuries.map((i) => i.id)).toEqual(["i2"]);
    expect(grouped.people[0]!.injuries.map((i) => i.id)).toEqual(["i1"]);
    expect(grouped.people[1]!.age).toEqual({ years: null, elderly: true, basis: "said_elderly" });
  });
});

describe("the age at the time of the events", () => {
  it(`makes a person born in 1942 elderly in 2020 (78, from ${ELDERLY_FROM})`, () => {
    expect(ageAt({ birthDate: "1942", age: null }, "2020-04-28")).toEqual({
      years: 78,
      elderly: true,
      basis: "birth_year",
    });
  });

  it("counts the birthday when the full date is known", () => {
    expect(ageAt({ birthDate: "1960-05-01", age: null }, "2020-04-28")).toMatchObject({ years: 59, elderly: false });
    expect(ageAt({ birthDate: "1960-04-28", age: null }, "2020-04-28")).toMatchObject({
      years: 60,
      elderly: true,
      basis: "birth_date",
    });
  });

  it("prefers the birth date to an age given, and says nothing when neither is known", () => {
    expect(ageAt({ birthDate: "1990", age: 70 }, "2020-04-28")).toMatchObject({ years: 30, elderly: false });
    expect(ageAt({ birthDate: null, age: 61 }, "2020-04-28")).toEqual({ years: 61, elderly: true, basis: "given" });
    expect(ageAt({ birthDate: null, age: null }, "2020-04-28")).toEqual({ years: null, elderly: null, basis: "none" });
  });

  it("takes the events' date from the report's when, else the phone's clock", () => {
    const report = seed();
    report.people[0]!.birthDate = "1942";
    report.when = { precision: "unknown", value: null };
    report.deviceTime = "2026-12-07T10:00:00+05:00";
    expect(groupByPerson(report).people[0]!.age.years).toBe(84);
  });
});
