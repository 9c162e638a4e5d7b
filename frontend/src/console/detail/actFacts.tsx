/** The facts of one act, by its type, exactly as docs/report-format.md lists them. */
import type { Fact } from "../components/Facts";
import { fmtNumber, t } from "../i18n";
import type { Act } from "../../shared/report/v2";
import { answerShown, choiceShown, textShown, whenShown, type Shown } from "./format";
import { fact, safeguardFact, violationFact } from "./Value";
import { heldForAChat, safeguardsOf, type SafeguardAct } from "./safeguards";

const num = (value: number | null): Shown => textShown(value === null ? null : fmtNumber(value));

const safeguards = (act: SafeguardAct): Fact[] =>
  safeguardsOf(act).map(({ field, answer }) =>
    safeguardFact(t(`person.${act.type}.${field}`), answer, `${act.type}.${field}`),
  );

/** The type's own facts of an act (its when, where, perpetrators and source are shown apart). */
export function actFacts(act: Act): Fact[] {
  switch (act.type) {
    case "detention":
      return [
        heldForAChat(act)
          ? violationFact(
              t("person.detention.capacity"),
              choiceShown(act.capacity, "person.detention.capacities"),
              "detention.capacity",
            )
          : fact(t("person.detention.capacity"), choiceShown(act.capacity, "person.detention.capacities")),
        fact(t("person.detention.takenToType"), choiceShown(act.takenToType, "person.detention.takenToTypes")),
        fact(t("person.detention.takenTo"), textShown(act.takenTo)),
        fact(t("person.detention.releasedAt"), whenShown(act.releasedAt)),
        fact(
          t("person.detention.whereaboutsUnknown"),
          answerShown(act.whereaboutsUnknown ? "yes" : "no"),
          act.whereaboutsUnknown ? "violation-row" : undefined,
        ),
        fact(t("person.detention.handcuffed"), answerShown(act.handcuffed)),
        ...safeguards(act),
        fact(t("person.detention.recordDrawnAt"), whenShown(act.recordDrawnAt)),
        // Information only, and only where an older report answered it (the phone no longer asks)
        ...(act.warrant === null ? [] : [fact(t("person.detention.warrant"), answerShown(act.warrant))]),
      ];
    case "search":
      return [
        fact(t("person.search.end"), whenShown(act.end)),
        fact(t("person.search.whoseHouse"), textShown(act.whoseHouse)),
        fact(t("person.search.sanctionedBy"), textShown(act.sanctionedBy)),
        ...safeguards(act),
        fact(t("person.search.present"), textShown(act.present)),
        fact(t("person.search.itemsSeized"), textShown(act.itemsSeized)),
      ];
    case "interrogation":
      return [
        fact(t("person.interrogation.hours"), num(act.hours)),
        fact(
          t("person.interrogation.atNight"),
          answerShown(act.atNight),
          act.atNight === "yes" ? "concern-row" : undefined,
        ),
        fact(t("person.interrogation.investigators"), num(act.investigators)),
        ...safeguards(act),
        fact(
          t("person.interrogation.confessionDemanded"),
          answerShown(act.confessionDemanded),
          act.confessionDemanded === "yes" ? "concern-row" : undefined,
        ),
        fact(t("person.interrogation.confessionSigned"), answerShown(act.confessionSigned)),
        fact(t("person.interrogation.threats"), textShown(act.threats)),
        fact(t("person.interrogation.crime"), textShown(act.crime.description)),
        fact(t("person.interrogation.caseNumber"), textShown(act.crime.caseNumber)),
        fact(t("person.interrogation.article"), textShown(act.crime.article)),
        fact(t("person.interrogation.investigator"), textShown(act.crime.investigator)),
      ];
    case "ill_treatment":
      return [
        [
          t("person.illTreatment.methods"),
          act.methods.length === 0 ? (
            <span class="muted">{t("person.illTreatment.noMethods")}</span>
          ) : (
            <ul class="kinds" data-testid="act-methods">
              {act.methods.map((method) => (
                <li key={method} data-method={method}>
                  {t(`person.methods.${method}`)}
                </li>
              ))}
            </ul>
          ),
        ],
        fact(t("person.illTreatment.object"), textShown(act.object)),
        fact(t("person.illTreatment.position"), textShown(act.position)),
        fact(t("person.illTreatment.duration"), textShown(act.duration)),
        fact(t("person.illTreatment.frequency"), textShown(act.frequency)),
      ];
    case "harm_to_relative":
      return [
        fact(t("person.harm.who"), textShown(act.who)),
        fact(t("person.harm.what"), choiceShown(act.what, "person.harm.whats")),
      ];
  }
}
