import { describe, expect, it } from "vitest";

import { blank } from "../../../shared/report/draftV2";
import type { Act, IllTreatmentMethod, Person } from "../../../shared/report/v2";
import ru from "../../i18n/locales/casePeople/ru.json";
import { actLines, factsOf, identityLines, valueText } from "./facts";
import { gatherPeople, EMPTY_PEOPLE_MAP } from "./peopleMap";
import { aCaseReport, aPerson } from "./testing/reports";

// Every value the person page names, written out so that a new one in the format fails here first.
const METHODS: Record<IllTreatmentMethod, true> = {
  bag_over_head: true,
  gas_mask: true,
  suffocation_by_hand: true,
  beating: true,
  beating_with_object: true,
  beating_through_object: true,
  beating_soles: true,
  restraints: true,
  blindfolding: true,
  suspension: true,
  stress_positions: true,
  electric_shock: true,
  sexual_violence: true,
  forced_nudity: true,
  sleep_deprivation: true,
  food_water_deprivation: true,
  humiliation: true,
  ethnic_insults: true,
  threats_of_death: true,
  threats_to_family: true,
  made_to_watch: true,
  other: true,
};
const ROLES: Record<Person["roles"][number], true> = { victim: true, witness: true, relative_harmed: true };
const ACTS: Record<Act["type"], true> = {
  detention: true,
  search: true,
  interrogation: true,
  ill_treatment: true,
  harm_to_relative: true,
};

describe("a person's facts", () => {
  it("name every method, role and act in the catalog", () => {
    const values = ru.casePeople.values as Record<string, string>;
    const missing = [...Object.keys(METHODS), ...Object.keys(ROLES)].filter((value) => !(value in values));
    expect(missing).toEqual([]);
    expect(Object.keys(ACTS).filter((type) => !(type in ru.casePeople.actTypes))).toEqual([]);
  });

  it("keep an unanswered question out, and show 'does not know' as the answer it is", () => {
    expect(valueText(null)).toBeNull();
    expect(valueText({ precision: "unknown", value: null })).toBeNull();
    expect(valueText("dont_know")).toBe("Не знает");
    expect(valueText("no")).toBe("Нет");
    const interrogation = {
      ...blank.act("interrogation", "q", ["p"]),
      lawyerPresent: "no" as const,
      atNight: "dont_know" as const,
    };
    expect(actLines(interrogation)).toEqual([
      ["Ночью", "Не знает"],
      ["Адвокат был", "Нет"],
    ]);
  });

  it("quote the reporter's words as given, never as a catalog word", () => {
    const witness = aPerson("p", { fullName: "Масанова Айша", relationToReporter: "suspect", roles: ["witness"] });
    const lines = identityLines(witness, aCaseReport("r", [witness]).report);
    expect(lines).toContainEqual(["Кем приходится автору", "suspect"]);
    expect(lines).toContainEqual(["Роль", "свидетель"]);
  });

  it("gather from each report only what is about that person", () => {
    const aydir = aPerson("a", { fullName: "Масанов Айдир" });
    const sister = aPerson("s", { fullName: "Масанова Айша" });
    const { reportId, report } = aCaseReport("r", [aydir, sister]);
    report.acts = [blank.act("detention", "taken", ["a"]), blank.act("harm_to_relative", "fainted", ["s"])];
    report.medical = [blank.medical("care", "s")];
    const people = gatherPeople([{ reportId, report }], EMPTY_PEOPLE_MAP);
    const [ofAydir] = factsOf(people.find((p) => p.key === "r:a")!);
    expect(ofAydir!.acts.map((act) => act.id)).toEqual(["taken"]);
    expect(ofAydir!.medical).toEqual([]);
  });
});
