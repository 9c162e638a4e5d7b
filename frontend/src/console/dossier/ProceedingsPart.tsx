/**
 * Detentions, searches, interrogations and torture, one block per report: the facts, then each
 * safeguard's answer with every "no" marked as a violation (report/violations.ts); "unknown" is not one.
 */
import type { YesNoUnknown } from "../../shared/report/model";
import { SAFEGUARDS, type SafeguardSection } from "../report/violations";
import type { Dossier, FromReport } from "./dossier";
import type { DocumentLanguage } from "./language";
import { FactTable, Part, type Row } from "./Table";
import { answerText, placeText, quoted, reportRef } from "./words";

/** The safeguard questions of a section as rows: "Detention record drawn up — No (violation)". */
function safeguardRows(L: DocumentLanguage, section: SafeguardSection, answers: object): Row[] {
  return SAFEGUARDS[section].map(({ field }) => {
    const raw = (answers as Record<string, unknown>)[field];
    const answer: YesNoUnknown = raw === "yes" || raw === "no" ? raw : "unknown";
    const value =
      answer === "no" ? (
        <strong class="dossier-violation" data-field={`${section}.${field}`}>
          {L.t("dossier.answers.violation")}
        </strong>
      ) : (
        answerText(L, answer)
      );
    return [L.t(`dossier.safeguards.${section}.${field}`), value];
  });
}

function Block({ L, from, rows }: { L: DocumentLanguage; from: FromReport; rows: Row[] }) {
  return (
    <div class="dossier-block">
      <h3>{reportRef(L, from)}</h3>
      <FactTable L={L} rows={rows} />
    </div>
  );
}

export function ProceedingsPart({ L, dossier }: { L: DocumentLanguage; dossier: Dossier }) {
  const none = <p class="not-known">{L.t("dossier.doc.noneReported")}</p>;
  return (
    <>
      <Part testid="dossier-detentions" title={L.t("dossier.detentions.title")}>
        {dossier.detentions.length === 0 && none}
        {dossier.detentions.map(({ detention: x, place, ...from }) => (
          <Block
            key={from.reportId}
            L={L}
            from={from}
            rows={[
              [L.t("dossier.detentions.when"), L.when(x.when)],
              [L.t("dossier.detentions.place"), placeText(L, place)],
              [L.t("dossier.detentions.takenTo"), quoted(L, x.takenTo)],
              [L.t("dossier.detentions.released"), L.when(x.releasedAt)],
              // A box the reporter ticks or not: unticked is "no", as the report view says, never "unknown"
              [
                L.t("dossier.detentions.whereaboutsUnknown"),
                L.t(x.whereaboutsUnknown ? "dossier.answers.yes" : "dossier.answers.no"),
              ],
              ...safeguardRows(L, "detention", x.paperwork),
            ]}
          />
        ))}
      </Part>
      <Part testid="dossier-searches" title={L.t("dossier.searches.title")}>
        {dossier.searches.length === 0 && none}
        {dossier.searches.map(({ search: x, place, ...from }) => (
          <Block
            key={from.reportId}
            L={L}
            from={from}
            rows={[
              [L.t("dossier.searches.start"), L.when(x.start)],
              [L.t("dossier.searches.end"), L.when(x.end)],
              [L.t("dossier.searches.place"), placeText(L, place)],
              ...safeguardRows(L, "search", x),
              [L.t("dossier.searches.itemsSeized"), quoted(L, x.itemsSeized)],
              [L.t("dossier.searches.present"), quoted(L, x.present)],
            ]}
          />
        ))}
      </Part>
      <Part testid="dossier-interrogations" title={L.t("dossier.interrogations.title")}>
        {dossier.interrogations.length === 0 && none}
        {dossier.interrogations.map(({ interrogation: x, ...from }) => (
          <Block
            key={from.reportId}
            L={L}
            from={from}
            rows={[
              [L.t("dossier.interrogations.start"), L.when(x.start)],
              [L.t("dossier.interrogations.atNight"), answerText(L, x.atNight)],
              [L.t("dossier.interrogations.hours"), x.hours === null ? null : L.number(x.hours)],
              [
                L.t("dossier.interrogations.investigators"),
                x.investigators === null ? null : L.number(x.investigators),
              ],
              ...safeguardRows(L, "interrogation", x),
              [L.t("dossier.interrogations.confessionDemanded"), answerText(L, x.confessionDemanded)],
              [L.t("dossier.interrogations.confessionSigned"), answerText(L, x.confessionSigned)],
              [L.t("dossier.interrogations.threats"), quoted(L, x.threats)],
            ]}
          />
        ))}
      </Part>
      <Part testid="dossier-torture" title={L.t("dossier.torture.title")}>
        {dossier.torture.length === 0 && none}
        {dossier.torture.map(({ torture: x, ...from }) => (
          <Block
            key={from.reportId}
            L={L}
            from={from}
            rows={[
              [L.t("dossier.torture.methods"), x.methods.map((m) => L.t(`dossier.methods.${m}`)).join("; ")],
              [L.t("dossier.torture.object"), quoted(L, x.object)],
              [L.t("dossier.torture.details"), quoted(L, x.details)],
            ]}
          />
        ))}
      </Part>
    </>
  );
}
