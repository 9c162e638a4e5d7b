/** Every person of the case (name, birth date or age, sex, ethnicity, custody now, health) and who is said to have acted. */
import type { CaseEvidence } from "./appeal/evidence";
import type { DocumentLanguage } from "./language";
import { perpetratorsTable, personsTable } from "./parts/persons";
import { DataTable, Part } from "./Table";

export function PersonsPart({ L, evidence }: { L: DocumentLanguage; evidence: CaseEvidence }) {
  const persons = personsTable(L, evidence);
  const perpetrators = perpetratorsTable(L, evidence);
  return (
    <Part testid="dossier-persons" title={L.t("dossier.persons.title")}>
      <h3>{L.t("dossier.persons.victims")}</h3>
      {persons.rows.length === 0 ? (
        <p class="not-known">{L.notKnown}</p>
      ) : (
        <DataTable L={L} table={persons} testid="dossier-person" />
      )}
      <h3>{L.t("dossier.persons.perpetrators")}</h3>
      {perpetrators.rows.length === 0 ? (
        <p class="not-known">{L.notKnown}</p>
      ) : (
        <DataTable L={L} table={perpetrators} />
      )}
    </Part>
  );
}
