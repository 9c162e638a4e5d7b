/**
 * The drafts' legal assessment: which norms the reported facts engage, each cited from norms.json
 * (law/cite.ts) with the people and report it concerns. Only facts the reports state trigger a norm
 * (a "no" to a safeguard, a method of ill-treatment, a confession demanded); a norm whose article
 * was not read prints its placeholder for the lawyer. Reviewers and lawyers judge; this proposes.
 */
import type { Act } from "../../../shared/report/v2";
import { cite, type NormId } from "../law/cite";
import type { DocumentLanguage } from "../language";
import type { CaseEvidence, EvidenceAct } from "./evidence";
import { joinAnd, personName } from "./say";

type Of<T extends Act["type"]> = Extract<Act, { type: T }>;

/** A pattern the reports show, and the norms it engages. */
interface Finding {
  key: string;
  norms: NormId[];
  test: (act: Act) => boolean;
}

const isType =
  <T extends Act["type"]>(type: T, test: (act: Of<T>) => boolean) =>
  (act: Act): boolean =>
    act.type === type && test(act as Of<T>);

/** In checklist order; the "warrant at detention" is no finding: detaining a suspect needs none. */
const FINDINGS: readonly Finding[] = [
  {
    key: "noStatus",
    norms: ["upk.detention.moment", "upk.detention.grounds"],
    test: isType("detention", (a) => a.capacity === "for_a_chat"),
  },
  { key: "noRecord", norms: ["upk.detention.protocol"], test: isType("detention", (a) => a.detentionRecord === "no") },
  {
    key: "notTold",
    norms: ["upk.detention.announce_rights", "upk.suspect.rights_explained"],
    test: isType("detention", (a) => a.chargesTold === "no"),
  },
  {
    key: "noLawyer",
    norms: ["upk.defender.from_detention"],
    test: (act) =>
      (act.type === "detention" && act.lawyerAllowed === "no") ||
      (act.type === "interrogation" && act.lawyerPresent === "no"),
  },
  {
    key: "familyNotNotified",
    norms: ["upk.detention.notify_relatives"],
    test: isType("detention", (a) => a.familyNotified === "no"),
  },
  {
    key: "interrogationLimits",
    norms: ["upk.interrogation.limits", "upk.interrogation.rules"],
    test: isType("interrogation", (a) => a.atNight === "yes" || a.breaks === "no"),
  },
  {
    key: "confession",
    norms: ["upk.evidence.inadmissible", "upk.evidence.lawful", "cat.15"],
    test: isType("interrogation", (a) => a.confessionDemanded === "yes"),
  },
  {
    key: "search",
    norms: ["upk.search"],
    test: isType("search", (a) => a.warrantShown === "no" || a.witnessesPresent === "no" || a.inventoryGiven === "no"),
  },
];

/** Whose and which report: "Масанов Айдыр, сообщение № 1". */
function concerned(L: DocumentLanguage, acts: readonly EvidenceAct[]): string {
  const seen = new Map<string, string>();
  for (const a of acts) {
    const names = a.persons.map((p) => personName(L, p));
    const key = `${a.reportNumber}`;
    seen.set(
      key,
      [seen.get(key), ...names]
        .filter(Boolean)
        .filter((v, i, all) => all.indexOf(v) === i)
        .join(", "),
    );
  }
  return [...seen.entries()]
    .map(([n, names]) => (names ? `${names} — ${L.t("appeal.reportN", { n })}` : L.t("appeal.reportN", { n })))
    .join("; ");
}

/** The procedural findings, each "– протокол задержания не составлялся (…) — статья …". */
export function proceduralFindings(L: DocumentLanguage, ev: CaseEvidence): string[] {
  return FINDINGS.flatMap((finding) => {
    const acts = ev.acts.filter((a) => finding.test(a.act));
    if (acts.length === 0) return [];
    const norms = finding.norms.map((id) => cite(L.tag, id)).join("; ");
    return [`– ${L.t(`appeal.findings.${finding.key}`)} (${concerned(L, acts)}): ${norms}.`];
  });
}

/** Ill-treatment was reported at all (a method, or an injury tied to an act). */
export const illTreated = (ev: CaseEvidence): boolean =>
  ev.acts.some((a) => a.act.type === "ill_treatment") || ev.injuries.length > 0;

/** A confession or information was demanded: the purpose that makes ill-treatment torture. */
const purpose = (ev: CaseEvidence): boolean =>
  ev.acts.some((a) => a.act.type === "interrogation" && a.act.confessionDemanded === "yes");

/** Several officers acted together (a group of more than one, or several groups). */
const group = (ev: CaseEvidence): boolean =>
  ev.acts.some(
    (a) =>
      a.act.type === "ill_treatment" &&
      (a.perpetrators.length > 1 || a.perpetrators.some((g) => g.count !== null && g.count > 1)),
  );

/** A victim of ill-treatment under 18 (by the age given). */
const minor = (ev: CaseEvidence): boolean =>
  ev.acts.some(
    (a) =>
      a.act.type === "ill_treatment" && a.persons.some((p) => typeof p.person.age === "number" && p.person.age < 18),
  );

/** The Criminal Code parts the facts point to, cited; empty when no ill-treatment was reported. */
export function criminalNorms(L: DocumentLanguage, ev: CaseEvidence): string[] {
  if (!illTreated(ev)) return [];
  const parts: NormId[] = [purpose(ev) ? "uk.146.2" : "uk.146.1"];
  if (group(ev) || minor(ev)) parts.push("uk.146.3");
  return parts.map((id) => cite(L.tag, id));
}

/** The aggravating circumstances found, in words ("группой лиц", "в отношении несовершеннолетнего"). */
export function aggravating(L: DocumentLanguage, ev: CaseEvidence): string[] {
  return [group(ev) && L.t("appeal.aggravating.group"), minor(ev) && L.t("appeal.aggravating.minor")].filter(
    (x): x is string => typeof x === "string",
  );
}

/** The places people were taken to, for the request to seize CCTV and registers ("«Кордайский РОВД»"). */
export function placesHeld(ev: CaseEvidence): string[] {
  const places = ev.acts.flatMap((a) =>
    a.act.type === "detention" && a.act.takenTo?.trim() ? [a.act.takenTo.trim()] : [],
  );
  return [...new Set(places)];
}

/** The people who were harmed, as the request to recognise them as victims names them. */
export const victimNames = (L: DocumentLanguage, ev: CaseEvidence): string =>
  joinAnd(
    L,
    ev.people.filter((p) => p.person.roles.includes("victim")).map((p) => personName(L, p)),
  );
