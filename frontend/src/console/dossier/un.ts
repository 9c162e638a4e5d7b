/**
 * The draft individual communication to the UN Special Rapporteur on torture and other cruel,
 * inhuman or degrading treatment or punishment, under the headings the Special Rapporteur asks for:
 * the alleged victims (date of birth, custody now, consent), the facts person by person (date,
 * place, alleged perpetrators, acts, injuries), what the families added, steps taken with the
 * domestic authorities, the request, consent, and how it is submitted. An **urgent appeal** fits only
 * a person at risk now (a report says "happening now", or someone's whereabouts are unknown);
 * otherwise it is an **allegation letter** (docs/legal-basis.md, `ohchr.sr.*`): chosen from the facts,
 * switchable by the reviewer. In English every name and reporter's word is transliterated. Built only
 * from reports whose reporter consented to share with the UN (dossier.ts, `consenting`).
 */
import type { CaseEvidence, EvidencePerson } from "./appeal/evidence";
import {
  answersSection,
  complaintsSection,
  factsByPerson,
  harmedPeople,
  materialsSection,
  numbered,
  personIntro,
} from "./appeal/narrative";
import type { Dossier } from "./dossier";
import { cite } from "./law/cite";
import type { DocumentLanguage } from "./language";
import { annexLine, caseOverview, photosLine } from "./prosecutor";

/** The Special Rapporteur's two kinds of communication. */
export type UnProcedure = "urgent_appeal" | "allegation_letter";
export const UN_PROCEDURES: readonly UnProcedure[] = ["urgent_appeal", "allegation_letter"];

/** Urgent only when someone is at risk now: a "happening now" report, or whereabouts unknown. */
export function unProcedureFor(d: Dossier, ev: CaseEvidence): UnProcedure {
  const atRiskNow =
    d.summary.happeningNow ||
    ev.acts.some((a) => a.act.type === "detention" && a.act.whereaboutsUnknown) ||
    ev.people.some((p) => p.person.custody === "whereabouts_unknown");
  return atRiskNow ? "urgent_appeal" : "allegation_letter";
}

/** "– Масанов Айдыр, 1986 г. р., …; согласие пострадавшего: получено." */
function victimLine(L: DocumentLanguage, ev: CaseEvidence, p: EvidencePerson): string {
  const { report } = ev.reports.find((r) => r.reportId === p.reportId)!;
  const consent = report.consent.victimConsents === "yes" ? "yes" : "unknown";
  return `– ${personIntro(L, p)}; ${L.t(`appeal.un.victimConsent.${consent}`)}`;
}

export function unDraft(
  L: DocumentLanguage,
  d: Dossier,
  ev: CaseEvidence,
  procedure: UnProcedure = unProcedureFor(d, ev),
): string {
  const u = (key: string, params?: Record<string, string | number>): string => L.t(`appeal.un.${key}`, params);
  const old = (key: string): string => L.t(`dossier.un.${key}`);
  const { kinds, places, period } = caseOverview(L, d);
  const urgent = procedure === "urgent_appeal";
  const summary = [
    L.t("dossier.un.received", { n: L.number(d.sources.length) }),
    period && L.t("dossier.un.period", { period }),
    places && L.t("dossier.un.places", { places }),
    kinds && L.t("dossier.un.kinds", { kinds }),
  ].filter(Boolean);
  const victims = harmedPeople(ev).map((p) => victimLine(L, ev, p));
  const namesAgreed = ev.reports.every((r) => !r.namesWithheld && r.report.consent.namesToGovernment === "yes");

  const blocks: (string | null)[] = [
    old("addressee"),
    old("sender"),
    old(urgent ? "subject" : "subjectAllegation"),
    u("lawyerNote"),
    old(urgent ? "opening" : "openingAllegation"),
    summary.join(" "),
    ...numbered(
      [
        [u("victims"), victims.length > 0 ? victims : [L.t("dossier.doc.notKnownSentence")]],
        [u("facts"), factsByPerson(L, ev, true)],
        [u("answers"), answersSection(L, ev)],
        [u("materials"), [...photosLine(L, d), ...materialsSection(L, ev)]],
        [u("steps"), [...complaintsSection(L, ev), `– ${u("stepProsecutor")}`]],
        urgent
          ? [u("request"), [u("requestIntro"), u("request1"), u("request2"), u("request3"), u("request4")]]
          : [u("requestAllegation"), [u("requestIntro"), u("request1Allegation"), u("request3"), u("request4")]],
        [
          u("consentHeading"),
          [
            u(ev.reports.every((r) => r.report.consent.shareWithUn) ? "consentShare" : "consentShareSome"),
            u(namesAgreed ? "consentNames" : "consentNamesWithheld"),
          ],
        ],
        [u("submission"), [u("submissionHow", { channel: cite(L.tag, "ohchr.sr.channel") })]],
      ],
      false,
    ),
    old("signature"),
    annexLine(L, d, ev),
  ];
  return blocks.filter((block): block is string => block !== null && block !== "").join("\n\n");
}
