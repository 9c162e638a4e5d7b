/**
 * The draft individual communication to the UN Special Rapporteur on torture and other cruel,
 * inhuman or degrading treatment or punishment, under the headings the Special Rapporteur asks for:
 * the alleged victims (as known), date and place, alleged perpetrators, the acts, injuries, steps
 * taken with the domestic authorities, and the request. An **urgent appeal** fits only a person at
 * risk now (a report says "happening now", or someone's whereabouts are unknown); otherwise it is an
 * **allegation letter** (violations that have occurred: docs/legal-basis.md, `ohchr.sr.*`). Chosen from
 * the facts, switchable by the reviewer. Built only from reports whose reporter consented to share with
 * the UN (dossier.ts, `consenting`); the reviewer edits it.
 */
import type { Dossier, FromReport } from "./dossier";
import { injuryText } from "./facts";
import type { DocumentLanguage } from "./language";
import { caseOverview, factsSection } from "./prosecutor";
import { lower, perpetratorFacts, placeText, reportRef, victimText } from "./words";

/** A heading and its lines, or nothing when no line is known (then `none` says so, if given). */
function part(heading: string, lines: string[], none?: string): string | null {
  if (lines.length === 0) return none === undefined ? null : `${heading}\n${none}`;
  return [heading, ...lines].join("\n");
}

/** The Special Rapporteur's two kinds of communication. */
export type UnProcedure = "urgent_appeal" | "allegation_letter";
export const UN_PROCEDURES: readonly UnProcedure[] = ["urgent_appeal", "allegation_letter"];

/** Urgent only when someone is at risk now: a "happening now" report, or whereabouts unknown. */
export function unProcedureFor(d: Dossier): UnProcedure {
  const atRiskNow = d.summary.happeningNow || d.detentions.some(({ detention }) => detention.whereaboutsUnknown);
  return atRiskNow ? "urgent_appeal" : "allegation_letter";
}

/** The UN draft as plain text, in the dossier's language. */
export function unDraft(L: DocumentLanguage, d: Dossier, procedure: UnProcedure = unProcedureFor(d)): string {
  const u = (key: string, params?: Record<string, string | number>): string => L.t(`dossier.un.${key}`, params);
  const { kinds, places, period } = caseOverview(L, d);
  const notKnown = L.t("dossier.doc.notKnownSentence");
  const urgent = procedure === "urgent_appeal";

  const ref = (from: FromReport): string => lower(reportRef(L, from));
  const victims = d.victims.map((v) => `– ${victimText(L, v)} (${ref(v)})`);
  const datesAndPlaces = d.events.map((e) => {
    const known = [L.when(e.when), placeText(L, e.place)].filter(Boolean).join(", ");
    return `– ${known || L.t("dossier.doc.notKnown")} (${ref(e)})`;
  });
  const perpetrators = d.perpetrators.map((p) => `– ${perpetratorFacts(L, p.perpetrators).join("; ")} (${ref(p)})`);
  const injuries = d.injuries.map((i) => `– ${injuryText(L, d, i)}`);
  const exams = d.medical.flatMap(({ medical, ...from }) =>
    medical.forensicExam
      ? [
          `– ${L.t("dossier.medical.forensicExam")}: ${L.t(`dossier.forensicExam.${medical.forensicExam}`)} (${ref(from)})`,
        ]
      : [],
  );
  const summary = [
    u("received", { n: L.number(d.sources.length) }),
    period && u("period", { period }),
    places && u("places", { places }),
    kinds && u("kinds", { kinds }),
  ].filter(Boolean);

  const blocks: (string | null)[] = [
    u("addressee"),
    u("sender"),
    u(urgent ? "subject" : "subjectAllegation"),
    u(urgent ? "opening" : "openingAllegation"),
    summary.join(" "),
    part(u("victims"), victims, notKnown),
    part(u("datePlace"), datesAndPlaces, notKnown),
    part(u("perpetrators"), perpetrators, notKnown),
    part(u("acts"), factsSection(L, d, true), notKnown),
    part(u("injuries"), injuries),
    part(u("steps"), [...exams, `– ${u("stepProsecutor")}`]),
    urgent
      ? [u("request"), u("request1"), u("request2"), u("request3"), u("request4")].join("\n")
      : [u("requestAllegation"), u("request1Allegation"), u("request3"), u("request4")].join("\n"),
    u("consent"),
    u("signature"),
  ];
  return blocks.filter((block): block is string => block !== null && block !== "").join("\n\n");
}
