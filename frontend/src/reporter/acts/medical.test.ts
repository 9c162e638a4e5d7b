/** Medical care once per person: every person gets an entry, and no entry the reporter filled is hidden. */
import { describe, expect, it } from "vitest";

import { blank, emptyDraftV2, type ReportDraftV2 } from "../../shared/report/draftV2";
import { medicalIdFor, medicalShown, putMedical } from "./medical";

const draftWith = (change: Partial<ReportDraftV2>): ReportDraftV2 => ({
  ...emptyDraftV2("ru", "d1", new Date("2026-12-07T10:00:00Z")),
  ...change,
});

describe("medicalShown", () => {
  it("shows one blank entry per person, in their order, before anything is answered", () => {
    const draft = draftWith({ people: [blank.person("son"), blank.person("mother")] });
    expect(medicalShown(draft).map((c) => [c.id, c.personId, c.careReceived])).toEqual([
      ["medical-son", "son", null],
      ["medical-mother", "mother", null],
    ]);
  });

  it("shows one entry tied to nobody when the draft has no people", () => {
    expect(medicalShown(draftWith({})).map((c) => c.personId)).toEqual([null]);
  });

  it("keeps an entry tied to nobody (a v1 draft's) beside the people's", () => {
    const old = { ...blank.medical("medical", null), careReceived: "yes" as const };
    const draft = draftWith({ people: [blank.person("son")], medical: [old] });
    expect(medicalShown(draft).map((c) => c.id)).toEqual(["medical-son", "medical"]);
  });

  it("shows an entry already answered instead of a blank one", () => {
    const answered = { ...blank.medical("m-1", "son"), beatingCertificate: "no" as const };
    const draft = draftWith({ people: [blank.person("son")], medical: [answered] });
    expect(medicalShown(draft)).toEqual([answered]);
  });
});

describe("putMedical", () => {
  it("adds a person's entry on its first answer, then changes it in place", () => {
    const draft = draftWith({ people: [blank.person("son")] });
    const [shown] = medicalShown(draft);
    const once = putMedical(draft, shown!, (c) => ({ ...c, careReceived: "dont_know" }));
    expect(once.medical).toEqual([{ ...blank.medical(medicalIdFor("son"), "son"), careReceived: "dont_know" }]);
    const twice = putMedical(once, medicalShown(once)[0]!, (c) => ({ ...c, policePresent: "yes" }));
    expect(twice.medical).toHaveLength(1);
    expect(twice.medical[0]).toMatchObject({ careReceived: "dont_know", policePresent: "yes" });
  });
});
