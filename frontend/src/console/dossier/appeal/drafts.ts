/**
 * A case's two appeal drafts as the dossier shows them: each built only from the reports whose
 * reporter consented to share with its addressee, in the dossier's language, with the reports left
 * out and those whose names were withheld listed for the reviewer.
 */
import type { AppealDraft } from "../Appeals";
import { buildDossier, consenting, type Addressee, type Dossier, type DossierInput } from "../dossier";
import type { DocumentLanguage } from "../language";
import { prosecutorDraft } from "../prosecutor";
import { unDraft, unProcedureFor, type UnProcedure } from "../un";
import { evidenceOf } from "./evidence";

/** A draft in `L`'s language from the reports that may go to `addressee`, and which were left out. */
export function appealDraft(
  L: DocumentLanguage,
  input: DossierInput,
  dossier: Dossier,
  addressee: Addressee,
  procedure: UnProcedure | null = null,
): AppealDraft {
  const consented = consenting(input, addressee);
  const agreed = buildDossier(consented);
  const evidence = evidenceOf(consented);
  const included = new Set(agreed.sources.map((s) => s.reportId));
  const unProcedure = procedure ?? unProcedureFor(agreed, evidence);
  return {
    addressee,
    variant: addressee === "un" ? unProcedure : null,
    text: addressee === "prosecutor" ? prosecutorDraft(L, agreed, evidence) : unDraft(L, agreed, evidence, unProcedure),
    leftOut: dossier.sources.filter((s) => !included.has(s.reportId)).map((s) => s.reportNumber),
    namesWithheld: agreed.sources.filter((s) => s.namesWithheld).map((s) => s.reportNumber),
  };
}
