/**
 * Every act of every report as a block of facts: when, where, to whom (names), by whom, what the
 * act's type records, then each safeguard question with its answer, a "no" marked as a violation
 * (detail/safeguards.ts: a person held "for a chat" is one, a detention's "warrant" is not asked).
 * "Don't know" and unanswered are never violations.
 */
import type { Act, Answer, PerpetratorGroup } from "../../../shared/report/v2";
import { heldForAChat, safeguardsOf, type SafeguardAct } from "../../detail/safeguards";
import type { CaseEvidence, EvidenceAct } from "../appeal/evidence";
import type { DocumentLanguage } from "../language";
import { placeText, quoted } from "../words";
import { knownRows, personLabel, type FactRow } from "./rows";

type Of<T extends Act["type"]> = Extract<Act, { type: T }>;
type Row = FactRow & { always?: boolean };

export interface ActBlock {
  key: string;
  actId: string;
  type: Act["type"];
  reportNumber: number;
  rows: FactRow[];
}

/** "Да", "Нет", "заявитель не знает"; null when unanswered. */
export function answerCell(L: DocumentLanguage, answer: Answer): string | null {
  return answer === null ? null : L.t(`dossier.answers.${answer === "dont_know" ? "dontKnow" : answer}`);
}

/** "«Полиция», «Кордайский РОВД», 5 чел., в форме"; groups joined by "; ", null when none is described. */
export function perpetratorsCell(L: DocumentLanguage, groups: readonly PerpetratorGroup[]): string | null {
  const described = groups.flatMap((g) => {
    const parts = [
      quoted(L, g.agency),
      quoted(L, g.unit),
      g.count === null ? null : L.t("dossier.acts.count", { n: L.number(g.count) }),
      g.clothing && L.t(`dossier.clothing.${g.clothing}`),
      quoted(L, g.namesOrDescriptions),
    ].filter((part): part is string => part !== null);
    return parts.length > 0 ? [parts.join(", ")] : [];
  });
  return described.length > 0 ? described.join("; ") : null;
}

/** The safeguard rows of an act: each question with its answer, "no" marked as a violation. */
function safeguardRows(L: DocumentLanguage, act: SafeguardAct): Row[] {
  return safeguardsOf(act).map(({ field, answer }) => ({
    label: L.t(`dossier.safeguards.${act.type}.${field}`),
    value: answer === "no" ? L.t("dossier.answers.violation") : answerCell(L, answer as Answer),
    ...(answer === "no" ? { violation: `${act.type}.${field}` } : {}),
    always: true,
  }));
}

const a = (L: DocumentLanguage, key: string): string => L.t(`dossier.acts.${key}`);

function detentionRows(L: DocumentLanguage, act: Of<"detention">): Row[] {
  const takenTo =
    quoted(L, act.takenTo) ??
    (act.takenToType && act.takenToType !== "dont_know" ? L.t(`dossier.takenToType.${act.takenToType}`) : null);
  return [
    {
      label: a(L, "capacity"),
      value: act.capacity && act.capacity !== "dont_know" ? L.t(`dossier.capacity.${act.capacity}`) : null,
      ...(heldForAChat(act) ? { violation: "detention.capacity" } : {}),
      always: true,
    },
    { label: L.t("dossier.detentions.takenTo"), value: takenTo, always: true },
    { label: L.t("dossier.detentions.released"), value: L.when(act.releasedAt), always: true },
    // A box the reporter ticks or not: unticked is "no", as the report view says, never "unknown"
    {
      label: L.t("dossier.detentions.whereaboutsUnknown"),
      value: L.t(act.whereaboutsUnknown ? "dossier.answers.yes" : "dossier.answers.no"),
    },
    { label: a(L, "handcuffed"), value: answerCell(L, act.handcuffed) },
    ...safeguardRows(L, act),
    { label: a(L, "recordDrawnAt"), value: L.when(act.recordDrawnAt) },
  ];
}

function searchRows(L: DocumentLanguage, act: Of<"search">): Row[] {
  return [
    { label: L.t("dossier.searches.end"), value: L.when(act.end), always: true },
    { label: a(L, "whoseHouse"), value: quoted(L, act.whoseHouse) },
    { label: a(L, "sanctionedBy"), value: quoted(L, act.sanctionedBy) },
    ...safeguardRows(L, act),
    { label: L.t("dossier.searches.itemsSeized"), value: quoted(L, act.itemsSeized) },
    { label: L.t("dossier.searches.present"), value: quoted(L, act.present) },
  ];
}

function interrogationRows(L: DocumentLanguage, act: Of<"interrogation">): Row[] {
  const crime = act.crime;
  return [
    { label: L.t("dossier.interrogations.atNight"), value: answerCell(L, act.atNight), always: true },
    {
      label: L.t("dossier.interrogations.hours"),
      value: act.hours === null ? null : L.number(act.hours),
      always: true,
    },
    {
      label: L.t("dossier.interrogations.investigators"),
      value: act.investigators === null ? null : L.number(act.investigators),
    },
    ...safeguardRows(L, act),
    { label: L.t("dossier.interrogations.confessionDemanded"), value: answerCell(L, act.confessionDemanded) },
    { label: L.t("dossier.interrogations.confessionSigned"), value: answerCell(L, act.confessionSigned) },
    { label: L.t("dossier.interrogations.threats"), value: quoted(L, act.threats) },
    { label: a(L, "crime"), value: quoted(L, crime.description) },
    { label: a(L, "article"), value: quoted(L, crime.article) },
    { label: a(L, "caseNumber"), value: quoted(L, crime.caseNumber) },
    { label: a(L, "investigator"), value: quoted(L, crime.investigator) },
  ];
}

function illTreatmentRows(L: DocumentLanguage, act: Of<"ill_treatment">): Row[] {
  return [
    {
      label: L.t("dossier.torture.methods"),
      value: act.methods.length > 0 ? act.methods.map((m) => L.t(`appeal.methods.${m}`)).join("; ") : null,
      always: true,
    },
    { label: L.t("dossier.torture.object"), value: quoted(L, act.object) },
    { label: a(L, "position"), value: quoted(L, act.position) },
    { label: a(L, "duration"), value: quoted(L, act.duration) },
    { label: a(L, "frequency"), value: quoted(L, act.frequency) },
  ];
}

function harmRows(L: DocumentLanguage, act: Of<"harm_to_relative">): Row[] {
  return [
    { label: L.t("dossier.harms.who"), value: quoted(L, act.who) },
    { label: L.t("dossier.harms.what"), value: act.what && L.t(`dossier.harms.${act.what}`), always: true },
  ];
}

function typeRows(L: DocumentLanguage, act: Act): Row[] {
  switch (act.type) {
    case "detention":
      return detentionRows(L, act);
    case "search":
      return searchRows(L, act);
    case "interrogation":
      return interrogationRows(L, act);
    case "ill_treatment":
      return illTreatmentRows(L, act);
    case "harm_to_relative":
      return harmRows(L, act);
  }
}

/** A relative's harm the phone sent with nothing filled in says nothing: no block of "unknown" rows. */
const saysSomething = ({ act, persons }: EvidenceAct): boolean =>
  act.type !== "harm_to_relative" ||
  persons.length > 0 ||
  act.who !== null ||
  act.what !== null ||
  (act.when !== null && act.when.value !== null) ||
  act.details !== null;

/** One block per act of `type`, in the case's report order, then the report's own order. */
export function actBlocks(L: DocumentLanguage, ev: CaseEvidence, type: Act["type"]): ActBlock[] {
  return ev.acts
    .filter((item) => item.act.type === type && saysSomething(item))
    .map((item) => {
      const { act, persons, perpetrators, reportId, reportNumber } = item;
      const report = ev.reports.find((r) => r.reportId === reportId)!.report;
      const rows: Row[] = [
        { label: a(L, `when.${type}`), value: L.when(act.when), always: true },
        { label: a(L, "where"), value: placeText(L, act.where ?? report.where), always: true },
        {
          label: a(L, "to"),
          value: persons.length > 0 ? persons.map((p) => personLabel(L, p)).join(", ") : null,
          always: type !== "harm_to_relative",
        },
        { label: a(L, "by"), value: perpetratorsCell(L, perpetrators), always: type !== "harm_to_relative" },
        ...typeRows(L, act),
        { label: a(L, "source"), value: act.source && L.t(`dossier.source.${act.source}`) },
        { label: a(L, "details"), value: quoted(L, act.details) },
      ];
      return { key: `${reportId}:${act.id}`, actId: act.id, type, reportNumber, rows: knownRows(rows) };
    });
}
