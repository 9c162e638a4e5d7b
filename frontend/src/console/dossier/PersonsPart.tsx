/** Who was harmed (as known: a name, age or "elderly", sex, health) and who is said to have done it. */
import type { Dossier } from "./dossier";
import type { DocumentLanguage } from "./language";
import { Cell, Part } from "./Table";
import { ageText, quoted, reportRef, sexText, victimName } from "./words";

export function PersonsPart({ L, dossier }: { L: DocumentLanguage; dossier: Dossier }) {
  return (
    <Part testid="dossier-persons" title={L.t("dossier.persons.title")}>
      <h3>{L.t("dossier.persons.victims")}</h3>
      {dossier.victims.length === 0 ? (
        <p class="not-known">{L.notKnown}</p>
      ) : (
        <table class="dossier-table">
          <thead>
            <tr>
              <th scope="col">{L.t("dossier.persons.name")}</th>
              <th scope="col">{L.t("dossier.persons.sex")}</th>
              <th scope="col">{L.t("dossier.persons.age")}</th>
              <th scope="col">{L.t("dossier.persons.health")}</th>
              <th scope="col">{L.t("dossier.persons.relation")}</th>
              <th scope="col">{L.t("dossier.timeline.source")}</th>
            </tr>
          </thead>
          <tbody>
            {dossier.victims.map((v) => (
              <tr key={`${v.reportId}:${v.victim.id}`}>
                <td>{victimName(L, v)}</td>
                <td>
                  <Cell L={L} value={sexText(L, v.victim.sex)} />
                </td>
                <td>
                  <Cell L={L} value={ageText(L, v.victim.age)} />
                </td>
                <td>
                  <Cell L={L} value={quoted(L, v.victim.health)} />
                </td>
                <td>
                  <Cell L={L} value={quoted(L, v.victim.relationToReporter)} />
                </td>
                <td>{reportRef(L, v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{L.t("dossier.persons.perpetrators")}</h3>
      {dossier.perpetrators.length === 0 ? (
        <p class="not-known">{L.notKnown}</p>
      ) : (
        <table class="dossier-table">
          <thead>
            <tr>
              <th scope="col">{L.t("dossier.perpetrators.agency")}</th>
              <th scope="col">{L.t("dossier.perpetrators.unit")}</th>
              <th scope="col">{L.t("dossier.perpetrators.count")}</th>
              <th scope="col">{L.t("dossier.perpetrators.clothing")}</th>
              <th scope="col">{L.t("dossier.perpetrators.vehicles")}</th>
              <th scope="col">{L.t("dossier.perpetrators.names")}</th>
              <th scope="col">{L.t("dossier.timeline.source")}</th>
            </tr>
          </thead>
          <tbody>
            {dossier.perpetrators.map(({ perpetrators: p, ...from }) => (
              <tr key={from.reportId}>
                <td>
                  <Cell L={L} value={quoted(L, p.agency)} />
                </td>
                <td>
                  <Cell L={L} value={quoted(L, p.unit)} />
                </td>
                <td>
                  <Cell L={L} value={p.count === null ? null : L.number(p.count)} />
                </td>
                <td>
                  <Cell L={L} value={p.clothing && L.t(`dossier.clothing.${p.clothing}`)} />
                </td>
                <td>
                  <Cell L={L} value={quoted(L, p.vehicles)} />
                </td>
                <td>
                  <Cell L={L} value={quoted(L, p.namesOrDescriptions)} />
                </td>
                <td>{reportRef(L, from)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}
