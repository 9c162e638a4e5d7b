/**
 * The statuses the console offers are exactly the contract's (docs/review.md, "Statuses"): the
 * "Allowed:" sentence is read from the document itself, so a change on one side shows here.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import type { Status } from "../apiTypes";
import { allowedTransitions, cleanLabels, STATUSES, TRANSITIONS } from "./transitions";

const contract = readFileSync(fileURLToPath(new URL("../../../../docs/review.md", import.meta.url)), "utf-8");

/** `new→in_review|rejected|duplicate; in_review→...` as a map. */
function allowedInContract(): Record<string, string[]> {
  const sentence = /Allowed: ([^\n]+(?:\n[^\n]+)*?)\. Anything else/.exec(contract)?.[1];
  if (!sentence) throw new Error("docs/review.md has no 'Allowed: ...' sentence");
  return Object.fromEntries(
    sentence
      .replace(/\s+/g, "")
      .split(";")
      .map((rule) => {
        const [from, to] = rule.split("→") as [string, string];
        return [from, to.split("|")];
      }),
  );
}

describe("the triage transitions", () => {
  it("match docs/review.md exactly", () => {
    const expected = allowedInContract();
    expect(Object.keys(expected).sort()).toEqual([...STATUSES].sort());
    for (const status of STATUSES) {
      expect([...allowedTransitions(status)].sort(), status).toEqual([...(expected[status] ?? [])].sort());
    }
  });

  it("never offer staying put, and always allow reopening to in_review from a final status", () => {
    for (const status of STATUSES) expect(TRANSITIONS[status]).not.toContain(status);
    for (const status of ["closed", "rejected", "duplicate"] as Status[])
      expect(TRANSITIONS[status]).toEqual(["in_review"]);
  });
});

describe("labels", () => {
  it("are trimmed and de-duplicated; more than 20 or longer than 40 characters are refused", () => {
    expect(cleanLabels(" appeal, UN ,appeal,, ")).toEqual(["appeal", "UN"]);
    expect(cleanLabels("")).toEqual([]);
    expect(cleanLabels(Array.from({ length: 21 }, (_, i) => `l${i}`).join(","))).toBeNull();
    expect(cleanLabels("x".repeat(41))).toBeNull();
  });
});
