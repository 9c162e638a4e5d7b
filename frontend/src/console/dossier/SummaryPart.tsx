/** The dossier's summary (what the case holds) and the merged timeline of its reports. */
import type { CaseEvidence } from "./appeal/evidence";
import type { Dossier } from "./dossier";
import type { DocumentLanguage } from "./language";
import { peopleCounts } from "./parts/persons";
import { FactTable, Part } from "./Table";
import { periodText, placeText, reportRef } from "./words";

export function SummaryPart(props: { L: DocumentLanguage; dossier: Dossier; evidence: CaseEvidence }) {
  const { L, dossier, evidence } = props;
  const s = dossier.summary;
  const people = peopleCounts(evidence);
  const places = s.places.map((place) => placeText(L, { ...place, placeType: null })).filter(Boolean);
  const reports =
    s.reportCount === s.caseReportCount
      ? L.number(s.reportCount)
      : L.t("dossier.summary.reportsOpened", { n: L.number(s.reportCount), total: L.number(s.caseReportCount) });
  return (
    <Part testid="dossier-summary" title={L.t("dossier.summary.title")}>
      <FactTable
        L={L}
        rows={[
          [L.t("dossier.summary.case"), dossier.title],
          [L.t("dossier.summary.reports"), reports],
          [L.t("dossier.summary.period"), periodText(L, s.from, s.to)],
          [L.t("dossier.summary.places"), places.join(", ")],
          [L.t("dossier.summary.kinds"), s.kinds.map((kind) => L.t(`dossier.kinds.${kind}`)).join("; ")],
          [L.t("dossier.summary.victims"), people.people > 0 ? L.number(people.people) : null],
          [L.t("dossier.summary.elderly"), people.elderly === null ? null : L.number(people.elderly)],
          [L.t("dossier.summary.injuries"), L.number(s.injuryCount)],
          [L.t("dossier.summary.photos"), L.number(s.photoCount)],
        ]}
      />
      {people.people > 1 && <p class="dossier-note">{L.t("dossier.summary.samePerson")}</p>}
      {s.happeningNow && <p class="dossier-note">{L.t("dossier.summary.happeningNow")}</p>}
    </Part>
  );
}

export function TimelinePart({ L, dossier }: { L: DocumentLanguage; dossier: Dossier }) {
  return (
    <Part testid="dossier-timeline" title={L.t("dossier.timeline.title")}>
      {dossier.timeline.length === 0 ? (
        <p class="not-known">{L.notKnown}</p>
      ) : (
        <table class="dossier-table">
          <thead>
            <tr>
              <th scope="col">{L.t("dossier.timeline.when")}</th>
              <th scope="col">{L.t("dossier.timeline.what")}</th>
              <th scope="col">{L.t("dossier.timeline.source")}</th>
            </tr>
          </thead>
          <tbody>
            {dossier.timeline.map((event, index) => (
              <tr key={index}>
                <td>{L.when(event.when) ?? L.notKnown}</td>
                <td>{L.t(event.what)}</td>
                <td>{reportRef(L, event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}
