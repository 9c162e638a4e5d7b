/**
 * One act as a sentence of a draft, in the order a lawyer reads it: when and where, what was done
 * (the verb agreeing with the people it was done to), by whom, then each safeguard the reporter says
 * was missing, stated as a fact ("протокол задержания не составлялся"); "don't know" and unanswered
 * are left out, never guessed. The legal assessment is not here (law.ts).
 */
import type { Act, Answer, PerpetratorGroup } from "../../../shared/report/v2";
import type { DocumentLanguage } from "../language";
import { placeText } from "../words";
import type { EvidenceAct } from "./evidence";
import { agree, known, personName, joinAnd, upper, whenText, words } from "./say";

type Of<T extends Act["type"]> = Extract<Act, { type: T }>;

/** Statements for the answers given: `appeal.<section>.<yes|no>.<field>` when that catalog key exists. */
function answered(L: DocumentLanguage, section: string, answers: Record<string, Answer>): string[] {
  return Object.entries(answers).flatMap(([field, answer]) => {
    if (answer !== "yes" && answer !== "no") return [];
    const key = `appeal.${section}.${answer}.${field}`;
    const text = L.t(key);
    return text === key ? [] : [text];
  });
}

/** "сотрудниками, которых заявитель описывает так: «Полиция», «Кордайский РОВД», 5 человек, в форме и в штатском". */
export function perpetratorsText(L: DocumentLanguage, groups: readonly PerpetratorGroup[]): string | null {
  const described = groups.flatMap((g) => {
    const parts = known(
      [
        words(L, g.agency),
        words(L, g.unit),
        g.count !== null && L.t("appeal.perpetrators.count", { n: L.number(g.count) }),
        g.clothing && L.t(`appeal.perpetrators.clothing.${g.clothing}`),
        g.vehicles && L.t("appeal.perpetrators.vehicles", { text: words(L, g.vehicles)! }),
        g.namesOrDescriptions && L.t("appeal.perpetrators.names", { text: words(L, g.namesOrDescriptions)! }),
      ],
      ", ",
    );
    return parts === null ? [] : [parts];
  });
  return described.length > 0 ? L.t("appeal.perpetrators.by", { who: described.join("; ") }) : null;
}

function detention(L: DocumentLanguage, e: EvidenceAct, act: Of<"detention">): (string | null | false)[] {
  const who = e.persons;
  const capacity = act.capacity && act.capacity !== "other" ? L.t(`appeal.capacity.${act.capacity}`) : null;
  const takenTo = act.takenTo
    ? `${agree(L, "takenTo", who)} ${L.t("appeal.to", { place: words(L, act.takenTo)! })}`
    : act.takenToType === "district_police" || act.takenToType === "temporary_detention"
      ? `${agree(L, "takenTo", who)} ${L.t(`appeal.takenToType.${act.takenToType}`)}`
      : act.takenToType === "car"
        ? agree(L, "heldInCar", who)
        : null;
  const released = whenText(L, act.releasedAt);
  const record =
    act.detentionRecord === "yes" && whenText(L, act.recordDrawnAt)
      ? L.t("appeal.detention.recordDrawnAt", { when: whenText(L, act.recordDrawnAt)! })
      : null;
  return [
    known([agree(L, "detained", who), capacity], ", "),
    perpetratorsText(L, e.perpetrators),
    takenTo,
    released && `${agree(L, "released", who)} ${released}`,
    act.whereaboutsUnknown ? L.t("appeal.detention.whereaboutsUnknown") : null,
    ...answered(L, "detention", {
      policeIdShown: act.policeIdShown,
      handcuffed: act.handcuffed,
      detentionRecord: act.detentionRecord,
      chargesTold: act.chargesTold,
      lawyerAllowed: act.lawyerAllowed,
      familyNotified: act.familyNotified,
      inventory: act.inventory,
      warrant: act.warrant,
    }),
    record,
  ];
}

function search(L: DocumentLanguage, e: EvidenceAct, act: Of<"search">): (string | null | false)[] {
  const end = whenText(L, act.end);
  return [
    act.whoseHouse ? L.t("appeal.search.inHouse", { whose: words(L, act.whoseHouse)! }) : L.t("appeal.search.done"),
    perpetratorsText(L, e.perpetrators),
    end && L.t("appeal.search.ended", { when: end }),
    act.sanctionedBy && L.t("appeal.search.sanctionedBy", { text: words(L, act.sanctionedBy)! }),
    ...answered(L, "search", {
      warrantShown: act.warrantShown,
      witnessesPresent: act.witnessesPresent,
      inventoryGiven: act.inventoryGiven,
    }),
    act.itemsSeized && L.t("appeal.search.itemsSeized", { text: words(L, act.itemsSeized)! }),
    act.present && L.t("appeal.search.present", { text: words(L, act.present)! }),
  ];
}

function interrogation(L: DocumentLanguage, e: EvidenceAct, act: Of<"interrogation">): (string | null | false)[] {
  const { crime } = act;
  return [
    known(
      [
        agree(L, "questioned", e.persons),
        act.hours !== null && L.t("appeal.interrogation.hours", { n: L.number(act.hours) }),
        act.atNight === "yes" && L.t("appeal.interrogation.atNight"),
      ],
      " ",
    ),
    perpetratorsText(L, e.perpetrators),
    act.investigators !== null && L.t("appeal.interrogation.investigators", { n: L.number(act.investigators) }),
    ...answered(L, "interrogation", {
      lawyerPresent: act.lawyerPresent,
      breaks: act.breaks,
      confessionDemanded: act.confessionDemanded,
      confessionSigned: act.confessionSigned,
    }),
    crime.description && L.t("appeal.interrogation.crime", { text: words(L, crime.description)! }),
    crime.caseNumber && L.t("appeal.interrogation.caseNumber", { text: words(L, crime.caseNumber)! }),
    crime.article && L.t("appeal.interrogation.article", { text: words(L, crime.article)! }),
    crime.investigator && L.t("appeal.interrogation.investigator", { text: words(L, crime.investigator)! }),
    act.threats && L.t("appeal.interrogation.threats", { text: words(L, act.threats)! }),
  ];
}

function illTreatment(L: DocumentLanguage, e: EvidenceAct, act: Of<"ill_treatment">): (string | null | false)[] {
  const methods = act.methods.filter((m) => m !== "other").map((m) => L.t(`appeal.methods.${m}`));
  if (act.methods.includes("other") && methods.length === 0) methods.push(L.t("appeal.methods.other"));
  return [
    `${agree(L, "subjected", e.persons)}: ${methods.length > 0 ? methods.join(", ") : L.t("appeal.methods.notSaid")}`,
    perpetratorsText(L, e.perpetrators),
    act.object && L.t("appeal.illTreatment.object", { text: words(L, act.object)! }),
    act.position && L.t("appeal.illTreatment.position", { text: words(L, act.position)! }),
    act.duration && L.t("appeal.illTreatment.duration", { text: words(L, act.duration)! }),
    act.frequency && L.t("appeal.illTreatment.frequency", { text: words(L, act.frequency)! }),
  ];
}

function harm(L: DocumentLanguage, act: Of<"harm_to_relative">): (string | null | false)[] {
  return [
    act.what ? L.t(`appeal.harm.${act.what}`) : L.t("appeal.harm.other"),
    act.who && L.t("appeal.harm.who", { text: words(L, act.who)! }),
  ];
}

/**
 * "28 апреля 2020, 06:00, с. Сортобе: был задержан, в качестве подозреваемого; сотрудниками…;
 * протокол задержания не составлялся (заявитель видел сам)." With `named`, the people it was done to
 * open the sentence (for the acts of a report rather than of one person).
 */
export function actSentence(L: DocumentLanguage, e: EvidenceAct, named = false): string {
  const { act } = e;
  const parts =
    act.type === "detention"
      ? detention(L, e, act)
      : act.type === "search"
        ? search(L, e, act)
        : act.type === "interrogation"
          ? interrogation(L, e, act)
          : act.type === "ill_treatment"
            ? illTreatment(L, e, act)
            : harm(L, act);
  const where = act.where ? placeText(L, act.where) : null;
  const at = known([whenText(L, act.when), where], ", ");
  const who =
    named && e.persons.length > 0
      ? joinAnd(
          L,
          e.persons.map((p) => personName(L, p)),
        )
      : null;
  const body = known([...parts, act.details && L.t("appeal.details", { text: words(L, act.details)! })]) ?? "";
  const source = act.source ? ` (${L.t(`appeal.source.${act.source}`)})` : "";
  const opening = known([at, who], ", ");
  return `${opening ? `${upper(opening)}: ` : ""}${opening ? body : upper(body)}${source}.`;
}
