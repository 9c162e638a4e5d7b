/** Reading reports of either version (docs/report-format.md, "Reading v1"): every v1 report reads as v2 with nothing lost. */
import { describe, expect, it } from "vitest";

import happeningNow from "./examples/happening-now.v2.json";
import seedLetter from "./examples/seed-letter.v2.json";
import type { Report } from "./model";
import { readReport, ReportFormatError } from "./read";
import { emptyV1, fullV1 } from "./testing/v1Reports";
import { upgradeV1 } from "./upgrade";
import { checkReportV2 } from "./v2";
import { asV1 } from "./v1View";

const copy = <T>(value: T): T => structuredClone(value);
const problemsOf = (value: unknown) => {
  const checked = checkReportV2(value);
  return checked.ok ? [] : checked.problems;
};
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Every path in `value` whose leaf is null (a fixture meant to give every field must have none). */
function nullLeaves(value: unknown, path = ""): string[] {
  if (value === null) return [path];
  if (typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => nullLeaves(child, `${path}/${key}`));
}

describe("v1 reports read as v2", () => {
  it("the full v1 fixture gives every field, so the round trip below checks each one", () => {
    expect(nullLeaves(fullV1())).toEqual([]);
  });

  for (const [name, v1] of [
    ["every field given", fullV1()],
    ["an untouched form", emptyV1()],
  ] as const) {
    it(`upgrades a v1 report (${name}) to a valid v2 that keeps every v1 field`, () => {
      const v2 = upgradeV1(copy(v1));
      expect(problemsOf(v2)).toEqual([]);
      expect(asV1(v2)).toEqual(v1);
    });
  }

  it("keeps a v1 report without the follow-up addition's reply field", () => {
    const v1: Partial<Report> = fullV1();
    delete v1.reply;
    expect(upgradeV1(v1 as Report).reply).toBeNull();
  });

  it("reads v1's pre-selected 'unknown' as unanswered, never as the reporter's 'don't know'", () => {
    const v2 = upgradeV1(fullV1());
    const detention = v2.acts.find((act) => act.type === "detention");
    expect(detention).toMatchObject({ inventory: null, detentionRecord: "no", warrant: "yes" });
    expect(v2.acts.find((act) => act.type === "interrogation")).toMatchObject({ confessionSigned: null });
    expect(upgradeV1(emptyV1()).reporter.reprisalRisk).toBeNull();
  });

  it("ties acts, injuries and medical care to the one victim, and to nobody when v1 named several", () => {
    const one = upgradeV1(fullV1());
    expect(one.people).toMatchObject([{ id: "v1", fullName: "Хасан", age: 34, roles: ["victim"] }]);
    expect(one.acts.filter((a) => a.type !== "harm_to_relative").map((a) => a.personIds)).toEqual([
      ["v1"],
      ["v1"],
      ["v1"],
      ["v1"],
    ]);
    expect(one.injuries[0]).toMatchObject({ personId: "v1", actId: null, source: null });
    expect(one.medical[0]).toMatchObject({ personId: "v1", forensicExam: { status: "refused" } });

    const v1 = fullV1();
    v1.victims.push({ id: "v2", name: "Ильяс", age: null, sex: null, relationToReporter: null, health: null });
    const two = upgradeV1(v1);
    expect(two.acts.map((a) => a.personIds)).toEqual(two.acts.map(() => []));
    expect(two.medical[0]!.personId).toBeNull();
    expect(two.injuries[0]!.personId).toBe("v1");
  });

  it("keeps each harm to a relative as its own act", () => {
    const harms = upgradeV1(fullV1()).acts.filter((a) => a.type === "harm_to_relative");
    expect(harms).toMatchObject([
      { who: "жена", what: "health_crisis", details: "упала в обморок", personIds: [] },
      { who: "бабушка", what: "death", details: "сердце", personIds: [] },
    ]);
  });
});

describe("readReport", () => {
  it("reads v1 and v2 plaintext alike, as v2", () => {
    expect(readReport(bytes(fullV1()))).toEqual(upgradeV1(fullV1()));
    expect(readReport(bytes(seedLetter))).toEqual(seedLetter);
    expect(readReport(copy(happeningNow))).toEqual(happeningNow);
  });

  it("refuses what is not a report it knows, saying why", () => {
    const refused = (value: unknown) => {
      try {
        readReport(value);
      } catch (error) {
        expect(error).toBeInstanceOf(ReportFormatError);
        return (error as Error).message;
      }
      throw new Error("not refused");
    };
    expect(refused(Uint8Array.of(0xff))).toBe("The report is not UTF-8 JSON.");
    expect(refused({ ...seedLetter, format: "other" })).toBe("Not a kua.report.");
    expect(refused({ ...seedLetter, version: 3 })).toBe("kua.report version 3 is not known.");
    expect(refused({ ...fullV1(), injuries: null })).toBe("The report's injuries is not a list.");
    expect(refused({ ...seedLetter, acts: [{ ...seedLetter.acts[0], source: "rumour" }] })).toBe(
      `The report's /acts/0/source must be one of "saw_myself", "victim_told_me", "heard_from_others", null.`,
    );
  });

  it("shows a v2 person's age from the birth year in today's console view", () => {
    const view = asV1(readReport(bytes(seedLetter)));
    expect(view.victims).toEqual([
      { id: "aydir", name: "Масанов Айдыр", age: 34, sex: "male", relationToReporter: "брат", health: null },
    ]);
    expect(view.torture?.methods).toEqual(["bag_over_head", "beating_with_object", "other"]);
  });

  it("shows a v2 detention's capacity in today's console view, and none when unanswered", () => {
    expect(asV1(readReport(bytes(seedLetter))).detention?.capacity).toBe("suspect");
    const acts = seedLetter.acts.map((act) => (act.type === "detention" ? { ...act, capacity: null } : act));
    expect(asV1(readReport(bytes({ ...seedLetter, acts }))).detention).not.toHaveProperty("capacity");
  });
});
