/** The ill-treatment checklist offers every method the report format knows, once, with a name in every catalog. */
import { describe, expect, it } from "vitest";

import schema from "../../shared/report/report-v2.schema.json";
import en from "../../shared/i18n/locales/en.json";
import kk from "../../shared/i18n/locales/kk.json";
import ru from "../../shared/i18n/locales/ru.json";
import { METHOD_GROUPS } from "./methods";

const offered = METHOD_GROUPS.flatMap((group) => group.methods);

describe("the ill-treatment checklist", () => {
  it("offers each method of the schema exactly once", () => {
    const known = (schema as { $defs: { illTreatmentMethod: { enum: string[] } } }).$defs.illTreatmentMethod.enum;
    expect([...offered].sort()).toEqual([...known].sort());
    expect(new Set(offered).size).toBe(offered.length);
  });

  it("includes the seed letter's bag over the head and beating with sticks, and the gas mask", () => {
    expect(offered).toEqual(expect.arrayContaining(["bag_over_head", "beating_with_object", "gas_mask"]));
  });

  it("names every method and every group in Russian, Kazakh and English", () => {
    for (const catalog of [ru, kk, en]) {
      expect(Object.keys(catalog.methodsV2).sort()).toEqual([...offered].sort());
      expect(Object.keys(catalog.illTreatmentV2.groups).sort()).toEqual(METHOD_GROUPS.map((g) => g.key).sort());
    }
  });
});
