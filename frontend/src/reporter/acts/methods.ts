/**
 * The ill-treatment methods of the v2 schema, in groups an elderly reader can scan (choking,
 * beating, tying up, depriving, humiliating and threatening), each method once.
 */
import type { IllTreatmentMethod } from "../../shared/report/v2";

/** Every method of the schema, once, in groups a reader can scan. */
export const METHOD_GROUPS: { key: string; methods: IllTreatmentMethod[] }[] = [
  { key: "suffocation", methods: ["bag_over_head", "gas_mask", "suffocation_by_hand"] },
  {
    key: "beating",
    methods: ["beating", "beating_with_object", "beating_through_object", "beating_soles", "electric_shock"],
  },
  { key: "restraint", methods: ["restraints", "blindfolding", "suspension", "stress_positions"] },
  {
    key: "deprivation",
    methods: ["sleep_deprivation", "food_water_deprivation", "forced_nudity", "sexual_violence"],
  },
  {
    key: "threats",
    methods: ["humiliation", "ethnic_insults", "threats_of_death", "threats_to_family", "made_to_watch"],
  },
  { key: "other", methods: ["other"] },
];
