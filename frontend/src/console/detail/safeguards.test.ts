/**
 * A detention's safeguards as the console judges them: no "warrant" is needed to detain a suspect,
 * a person held "for a chat" has no procedural status, and no detention record stays a violation.
 */
import { describe, expect, it } from "vitest";

import norms from "../dossier/law/norms.json";
import seedLetter from "../../shared/report/examples/seed-letter.v2.json";
import type { Act, DetentionAct } from "../../shared/report/v2";
import { violations } from "./safeguards";

const seedDetention = seedLetter.acts.find((act) => act.type === "detention") as DetentionAct;

/** The seed letter's detention with every safeguard answered yes, then `changes` laid over it. */
const detention = (changes: Partial<DetentionAct>): Act[] => [
  {
    ...seedDetention,
    capacity: "suspect",
    policeIdShown: "yes",
    detentionRecord: "yes",
    warrant: "yes",
    inventory: "yes",
    familyNotified: "yes",
    chargesTold: "yes",
    lawyerAllowed: "yes",
    ...changes,
  },
];

const fields = (acts: Act[]): string[] => violations(acts).map((v) => v.field);

describe("a detention's safeguards", () => {
  it("are all kept when each is answered yes", () => {
    expect(fields(detention({}))).toEqual([]);
  });

  it("do not count a missing warrant: detaining a suspect needs none", () => {
    expect(fields(detention({ warrant: "no" }))).toEqual([]);
  });

  it("flag a person held 'for a chat', without procedural status", () => {
    const found = violations(detention({ capacity: "for_a_chat" }));
    expect(found.map((v) => [v.field, v.labelKey])).toEqual([["detention.capacity", "person.detention.heldForAChat"]]);
  });

  it("do not flag a witness, a suspect, another capacity, 'don't know' or no answer", () => {
    for (const capacity of ["witness", "suspect", "other", "dont_know", null] as const) {
      expect(fields(detention({ capacity }))).toEqual([]);
    }
  });

  it("keep no detention record a violation, listed after the capacity", () => {
    expect(fields(detention({ capacity: "for_a_chat", detentionRecord: "no", lawyerAllowed: "no" }))).toEqual([
      "detention.capacity",
      "detention.detentionRecord",
      "detention.lawyerAllowed",
    ]);
  });

  it("do not flag a record drawn up hours after: the Code's time limit is not certain in norms.json", () => {
    // When a lawyer fills in `upk.detention.protocol`, this fails: then flag a late record here.
    expect(norms.find((norm) => norm.id === "upk.detention.protocol")?.certain).toBe(false);
    const late = detention({
      when: { precision: "exact", value: "2020-04-28T06:00" },
      recordDrawnAt: { precision: "exact", value: "2020-04-28T22:00" },
    });
    expect(fields(late)).toEqual([]);
  });
});
