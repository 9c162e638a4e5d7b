/** The report format v2 (docs/report-format.md): the schema and what is generated from it agree, and the validator says where a report is wrong. */
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { generate } from "../../../scripts/report-schema.mjs";
import happeningNow from "./examples/happening-now.v2.json";
import seedLetter from "./examples/seed-letter.v2.json";
import { checkReportV2, type ReportV2 } from "./v2";

const copy = <T>(value: T): T => structuredClone(value);
const problemsOf = (value: unknown) => {
  const checked = checkReportV2(value);
  return checked.ok ? [] : checked.problems;
};

describe("the schema is the source of truth", () => {
  it("the committed types and validator are generated from the schema as it is", async () => {
    const generated = await generate();
    for (const [name, text] of Object.entries(generated))
      expect(readFileSync(new URL(name, import.meta.url), "utf8"), `${name}: run node scripts/report-schema.mjs`).toBe(
        text,
      );
  });

  it("accepts the seed letter's facts, each tied to a person and a source, and a short 'happening now'", () => {
    expect(problemsOf(seedLetter)).toEqual([]);
    expect(problemsOf(happeningNow)).toEqual([]);
  });
});

describe("an invalid v2 report is refused with the path of each problem", () => {
  const seed = (): ReportV2 => copy(seedLetter) as ReportV2;

  it("names a missing field", () => {
    const report: Record<string, unknown> = { ...seed() };
    delete report.people;
    expect(problemsOf(report)).toContainEqual({ path: "/people", message: "is missing" });
  });

  it("refuses v1's 'unknown': unanswered is null, and 'dont_know' is the reporter's answer", () => {
    const report = seed();
    (report.consent as { namesToGovernment: string }).namesToGovernment = "unknown";
    expect(problemsOf(report)).toContainEqual({
      path: "/consent/namesToGovernment",
      message: 'must be one of "yes", "no", "dont_know", null',
    });
  });

  it("checks the fields of the act's own type only", () => {
    const report = seed();
    const act = report.acts[1] as unknown as Record<string, unknown>;
    delete act.lawyerPresent;
    expect(problemsOf(report)).toEqual([{ path: "/acts/1/lawyerPresent", message: "is missing" }]);
  });

  it("refuses an act of a type it does not know", () => {
    const report = seed();
    (report.acts[0] as { type: string }).type = "arrest";
    expect(problemsOf(report).map((p) => p.path)).toContain("/acts/0/type");
  });

  it("refuses facts tied to a person, act or perpetrator the report does not have", () => {
    const report = seed();
    report.acts[2]!.personIds = ["nobody"];
    report.acts[0]!.perpetratorIds = ["kgb"];
    report.injuries[0]!.actId = "missing-act";
    report.medical[0]!.personId = "ghost";
    expect(problemsOf(report)).toEqual([
      { path: "/acts/0/perpetratorIds/0", message: 'names perpetrators "kgb" the report does not have' },
      { path: "/acts/2/personIds/0", message: 'names a person "nobody" the report does not have' },
      { path: "/injuries/0/actId", message: 'names an act "missing-act" the report does not have' },
      { path: "/medical/0/personId", message: 'names a person "ghost" the report does not have' },
    ]);
  });

  it("refuses two people with one id", () => {
    const report = seed();
    report.people[1]!.id = "aydir";
    report.reporter.personId = null;
    expect(problemsOf(report)).toEqual([{ path: "/people/1/id", message: 'repeats the id "aydir"' }]);
  });

  it("refuses a birth date that is not a year or a date, and a 'when' that is not ISO 8601", () => {
    const report = seed();
    report.people[0]!.birthDate = "78 лет";
    report.acts[0]!.when = { precision: "exact", value: "вчера утром" };
    expect(problemsOf(report).map((p) => p.path)).toEqual(["/people/0/birthDate", "/acts/0/when/value"]);
  });
});
