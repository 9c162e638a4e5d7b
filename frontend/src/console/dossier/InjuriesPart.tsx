/**
 * The injuries table (Istanbul Protocol: where, what, size, colour, when, photos), numbered through
 * the dossier, and the reporter's body diagram (shared/body/BodyDrawing) for each person, with
 * the same numbers where the reporter marked them.
 */
import { BodyDrawing } from "../../shared/body/BodyDrawing";
import type { BodySide } from "../../shared/report/model";
import type { CaseEvidence, EvidenceInjury } from "./appeal/evidence";
import type { DocumentLanguage } from "./language";
import { personLabel, whoseLabel } from "./parts/rows";
import { Cell, Part } from "./Table";
import { quoted, reportRef } from "./words";

const SIDES: readonly BodySide[] = ["front", "back"];

/** The injuries grouped by person (a report's injuries without a person form a group of their own). */
function byPerson(injuries: readonly EvidenceInjury[]): EvidenceInjury[][] {
  const groups = new Map<string, EvidenceInjury[]>();
  for (const item of injuries) {
    const key = `${item.reportId}:${item.person?.person.id ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()];
}

function Diagrams({ L, group }: { L: DocumentLanguage; group: EvidenceInjury[] }) {
  const first = group[0]!;
  const who = whoseLabel(L, first.person, first.reportNumber);
  return (
    <figure class="dossier-bodies">
      <figcaption>{who}</figcaption>
      <div class="bodies">
        {SIDES.map((side) => {
          const markers = group.filter((i) => i.injury.side === side).map(({ injury, number }) => ({ injury, number }));
          return (
            <BodyDrawing
              key={side}
              side={side}
              markers={markers}
              marked={new Set(markers.map(({ injury }) => injury.region))}
              letters={{ right: L.t("dossier.sides.rightLetter"), left: L.t("dossier.sides.leftLetter") }}
              label={`${who}: ${L.t(`dossier.sides.${side}`)}`}
              caption={L.t(`dossier.sides.${side}`)}
            />
          );
        })}
      </div>
    </figure>
  );
}

export function InjuriesPart({ L, evidence }: { L: DocumentLanguage; evidence: CaseEvidence }) {
  if (evidence.injuries.length === 0) {
    return (
      <Part testid="dossier-injuries" title={L.t("dossier.injuries.title")}>
        <p class="not-known">{L.t("dossier.doc.noneReported")}</p>
      </Part>
    );
  }
  return (
    <Part testid="dossier-injuries" title={L.t("dossier.injuries.title")}>
      <table class="dossier-table">
        <thead>
          <tr>
            <th scope="col">{L.t("dossier.injuries.number")}</th>
            <th scope="col">{L.t("dossier.injuries.victim")}</th>
            <th scope="col">{L.t("dossier.injuries.where")}</th>
            <th scope="col">{L.t("dossier.injuries.type")}</th>
            <th scope="col">{L.t("dossier.injuries.size")}</th>
            <th scope="col">{L.t("dossier.injuries.colour")}</th>
            <th scope="col">{L.t("dossier.injuries.shape")}</th>
            <th scope="col">{L.t("dossier.injuries.happened")}</th>
            <th scope="col">{L.t("dossier.injuries.photos")}</th>
            <th scope="col">{L.t("dossier.timeline.source")}</th>
          </tr>
        </thead>
        <tbody>
          {evidence.injuries.map((item) => {
            const { injury } = item;
            return (
              <tr key={`${item.reportId}:${injury.id}`} data-testid="dossier-injury" data-injury-id={injury.id}>
                <td>{item.number}</td>
                <td>
                  <Cell L={L} value={item.person && personLabel(L, item.person)} />
                </td>
                <td>
                  {L.t(`regions.${injury.region}`)} ({L.t(`dossier.sides.${injury.side}`)})
                </td>
                <td>
                  <Cell L={L} value={injury.type && L.t(`dossier.injuryTypes.${injury.type}`)} />
                </td>
                <td>
                  <Cell L={L} value={injury.sizeCm === null ? null : L.number(injury.sizeCm)} />
                </td>
                <td>
                  <Cell L={L} value={quoted(L, injury.colour)} />
                </td>
                <td>
                  <Cell L={L} value={quoted(L, injury.shape)} />
                </td>
                <td>
                  <Cell L={L} value={L.when(injury.happened)} />
                </td>
                <td>{L.number(injury.photos.length)}</td>
                <td>{reportRef(L, item)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="dossier-diagrams">
        {byPerson(evidence.injuries).map((group) => (
          <Diagrams key={`${group[0]!.reportId}:${group[0]!.injury.id}`} L={L} group={group} />
        ))}
      </div>
    </Part>
  );
}
