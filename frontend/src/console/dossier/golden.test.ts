/**
 * Golden drafts: for each case of testing/goldenCases.ts, the prosecutor and UN drafts in Russian
 * and English are compared with reviewed files in golden/ (read them: they are what a lawyer gets).
 * A change of wording shows as a diff of those files; CI never writes them (vitest does not update
 * snapshots in CI), so an unreviewed change fails.
 */
import { describe, expect, it } from "vitest";

import { appealDraft } from "./appeal/drafts";
import { buildDossier } from "./dossier";
import { documentLanguage, DOSSIER_LANGUAGES } from "./language";
import { GOLDEN_CASES } from "./testing/goldenCases";

describe("golden drafts", () => {
  for (const [name, make] of Object.entries(GOLDEN_CASES)) {
    for (const tag of DOSSIER_LANGUAGES) {
      for (const addressee of ["prosecutor", "un"] as const) {
        it(`${name}: ${addressee} (${tag})`, async () => {
          const input = make();
          const draft = appealDraft(documentLanguage(tag), input, buildDossier(input), addressee);
          await expect(`${draft.text}\n`).toMatchFileSnapshot(`golden/${name}.${addressee}.${tag}.txt`);
        });
      }
    }
  }
});
