/** Linking items to people: the default rule, names on screen, and changes that keep every other item. */
import { describe, expect, it } from "vitest";

import { blank, emptyDraftV2, type ReportDraftV2 } from "../../shared/report/draftV2";
import {
  actLabel,
  actsForInjury,
  actsOfType,
  defaultPersonIds,
  groupLabel,
  personLabel,
  putAct,
  toggleId,
  type Translate,
} from "./linking";

// Keys and parameters as text: the test checks which message is used, not its wording.
const t: Translate = (key, params) => (params ? `${key}${JSON.stringify(params)}` : key);

const person = (id: string, fullName: string | null = null) => ({ ...blank.person(id), fullName });

function draftWith(change: Partial<ReportDraftV2>): ReportDraftV2 {
  return { ...emptyDraftV2("ru", "d1", new Date("2026-12-07T10:00:00Z")), ...change };
}

describe("defaultPersonIds", () => {
  it("ties a new item to the only person in the draft", () => {
    expect(defaultPersonIds([person("son")])).toEqual(["son"]);
  });

  it("ties it to nobody when there are none or several: guessing among several would be wrong", () => {
    expect(defaultPersonIds([])).toEqual([]);
    expect(defaultPersonIds([person("son"), person("father")])).toEqual([]);
  });
});

describe("personLabel", () => {
  const people = [person("a", "Айдыр Масанов"), person("b", "  ")];

  it("names a person by the full name given", () => {
    expect(personLabel(people, "a", t)).toBe("Айдыр Масанов");
  });

  it("calls a person without a name by their number in the list", () => {
    expect(personLabel(people, "b", t)).toBe('actsV2.personN{"n":2}');
  });

  it("says so when the id is of nobody in the draft", () => {
    expect(personLabel(people, "gone", t)).toBe("actsV2.unknownPerson");
  });
});

describe("groupLabel", () => {
  it("gives the group's number, agency and unit", () => {
    const groups = [
      { ...blank.perpetrators("g1"), agency: "Полиция", unit: "Кордайский РОВД" },
      blank.perpetrators("g2"),
    ];
    expect(groupLabel(groups, "g1", t)).toBe('actsV2.groupN{"n":1}: Полиция, Кордайский РОВД');
    expect(groupLabel(groups, "g2", t)).toBe('actsV2.groupN{"n":2}');
  });
});

describe("acts", () => {
  const first = blank.act("interrogation", "q1", ["son"]);
  const search = blank.act("search", "s1");
  const second = blank.act("interrogation", "q2");
  const draft = draftWith({ people: [person("son", "Айдыр")], acts: [first, search, second] });

  it("lists the acts of one type in the order they were added", () => {
    expect(actsOfType(draft.acts, "interrogation").map((a) => a.id)).toEqual(["q1", "q2"]);
  });

  it("numbers an act within its type and names whom it was done to", () => {
    expect(actLabel(draft, first, t)).toBe('actsV2.types.interrogation{"n":1} (Айдыр)');
    expect(actLabel(draft, second, t)).toBe('actsV2.types.interrogation{"n":2}');
  });

  it("changes one act and leaves the others as they were", () => {
    const changed = putAct(draft, second, (act) => ({ ...act, details: "ночью" }));
    expect(changed.acts.map((a) => a.details)).toEqual([null, null, "ночью"]);
    expect(changed.acts[0]).toBe(first);
  });

  it("adds an act shown on screen but not yet in the draft, on its first answer", () => {
    const shown = blank.act("detention", "d1", ["son"]);
    const changed = putAct(draft, shown, (act) => ({ ...act, source: "saw_myself" }));
    expect(changed.acts).toHaveLength(4);
    expect(changed.acts[3]).toMatchObject({ id: "d1", type: "detention", personIds: ["son"], source: "saw_myself" });
  });

  it("offers for an injury the person's own acts first, then acts tied to nobody, never another's", () => {
    const other = blank.act("ill_treatment", "t1", ["father"]);
    const acts = [second, other, first];
    expect(actsForInjury(acts, "son").map((a) => a.id)).toEqual(["q1", "q2"]);
    expect(actsForInjury(acts, null).map((a) => a.id)).toEqual(["q2", "t1", "q1"]);
  });
});

describe("toggleId", () => {
  it("adds once and removes", () => {
    expect(toggleId(["a"], "b", true)).toEqual(["a", "b"]);
    expect(toggleId(["a", "b"], "b", true)).toEqual(["a", "b"]);
    expect(toggleId(["a", "b"], "a", false)).toEqual(["b"]);
  });
});
