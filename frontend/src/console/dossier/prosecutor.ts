/**
 * The draft statement to the General Prosecutor of the Republic of Kazakhstan: the facts person by
 * person (appeal/narrative.ts), what the families added in answers, the materials (listed in the
 * annex with their SHA-256), the legal assessment with each norm cited from norms.json (appeal/law.ts),
 * and the requests a lawyer files under the 2014 Code: registration in the Unified Register of
 * Pre-trial Investigations (ЕРДР) and an investigation, by a body other than the police, seizure of
 * CCTV and of the register of persons brought in, independent examinations, victim status. Built only
 * from reports whose reporter consented to share with the prosecutor (dossier.ts, `consenting`).
 */
import type { CaseEvidence } from "./appeal/evidence";
import { aggravating, criminalNorms, placesHeld, proceduralFindings, victimNames } from "./appeal/law";
import { answersSection, complaintsSection, factsByPerson, materialsSection, numbered } from "./appeal/narrative";
import { words } from "./appeal/say";
import type { Dossier } from "./dossier";
import { cite } from "./law/cite";
import type { DocumentLanguage } from "./language";
import { periodText, placeText } from "./words";

/** The kinds of incidents and the places, as the opening paragraph names them. */
export function caseOverview(
  L: DocumentLanguage,
  d: Dossier,
): { kinds: string; places: string | null; period: string | null } {
  const places = d.summary.places
    .map((place) => placeText(L, { ...place, placeType: null }))
    .filter((p): p is string => p !== null);
  return {
    kinds: d.summary.kinds.map((kind) => L.t(`dossier.kinds.${kind}`)).join("; "),
    places: places.length > 0 ? places.join(", ") : null,
    period: periodText(L, d.summary.from, d.summary.to),
  };
}

/** A heading and its lines, or nothing when there are no lines. */
export const section = (heading: string, lines: readonly string[]): string | null =>
  lines.length === 0 ? null : [heading, ...lines].join("\n");

/** "Фотографии телесных повреждений: 2 (в приложении, с контрольными суммами SHA-256)." */
export function photosLine(L: DocumentLanguage, d: Dossier): string[] {
  const printable = d.photos.filter((p) => p.consented).length;
  return printable > 0 ? [`– ${L.t("appeal.photos", { n: L.number(printable) })}`] : [];
}

/** "Приложение: …" naming only what the case has (photographs, documents, recordings). */
export function annexLine(L: DocumentLanguage, d: Dossier, ev: CaseEvidence): string {
  const what = [
    d.photos.some((photo) => photo.consented) && L.t("appeal.annex.photos"),
    ev.documents.length > 0 && L.t("appeal.annex.documents"),
    ev.voice.length > 0 && L.t("appeal.annex.voice"),
  ].filter((x): x is string => typeof x === "string");
  return what.length > 0 ? L.t("appeal.annex.list", { what: what.join(", ") }) : L.t("appeal.annex.none");
}

export function prosecutorDraft(L: DocumentLanguage, d: Dossier, ev: CaseEvidence): string {
  const p = (key: string, params?: Record<string, string | number>): string => L.t(`appeal.prosecutor.${key}`, params);
  const { kinds, places, period } = caseOverview(L, d);
  const opening = [
    L.t("dossier.prosecutor.received", { n: L.number(d.sources.length) }),
    period && L.t("dossier.prosecutor.period", { period }),
    places && L.t("dossier.prosecutor.places", { places }),
    kinds && L.t("dossier.prosecutor.kinds", { kinds }),
  ].filter(Boolean);

  const crimes = criminalNorms(L, ev);
  const worse = aggravating(L, ev);
  const findings = proceduralFindings(L, ev);
  const assessment = [
    crimes.length > 0 &&
      p(worse.length > 0 ? "crimeAggravated" : "crime", { norms: crimes.join(", "), how: worse.join(", ") }),
    crimes.length > 0 && p("convention", { accession: cite(L.tag, "cat.accession"), article: cite(L.tag, "cat.12") }),
    findings.length > 0 && [p("findingsIntro"), ...findings].join("\n"),
  ].filter((x): x is string => typeof x === "string");

  const held = placesHeld(ev).map((place) => words(L, place)!);
  const victims = victimNames(L, ev);
  const confession =
    findings.length > 0 && ev.acts.some((a) => a.act.type === "interrogation" && a.act.confessionDemanded === "yes");
  const requests = [
    p("request.register", {
      norms: (crimes.length > 0 ? crimes : [cite(L.tag, "uk.146.2")]).join(", "),
      registration: cite(L.tag, "upk.erdr.registration"),
      prosecutor: cite(L.tag, "upk.prosecutor.registers"),
    }),
    p("request.independent", { norm: cite(L.tag, "upk.jurisdiction.art146") }),
    held.length > 0
      ? p("request.cctv", { places: held.join(", "), period: period ?? p("request.periodUnknown") })
      : p("request.cctvAnywhere", { period: period ?? p("request.periodUnknown") }),
    p("request.examinations"),
    victims && p("request.victims", { names: victims, norm: cite(L.tag, "upk.victim") }),
    p("request.protection"),
    confession && p("request.confessions", { norm: cite(L.tag, "upk.evidence.inadmissible") }),
    p("request.inform"),
  ]
    .filter((x): x is string => typeof x === "string" && x !== "")
    .map((text, index) => `${index + 1}) ${text}`);

  const blocks: (string | null | false)[] = [
    L.t("dossier.prosecutor.addressee"),
    L.t("dossier.prosecutor.sender"),
    p("subject"),
    p("lawyerNote"),
    opening.join(" "),
    ...numbered(
      [
        [p("facts"), factsByPerson(L, ev)],
        [p("answers"), answersSection(L, ev)],
        [p("complaints"), complaintsSection(L, ev)],
        [p("materials"), [...photosLine(L, d), ...materialsSection(L, ev)]],
        [p("assessment"), assessment],
      ],
      true,
    ),
    [p("requestIntro"), ...requests].join("\n"),
    annexLine(L, d, ev),
    L.t("dossier.prosecutor.signature"),
  ];
  return blocks.filter((block): block is string => typeof block === "string" && block !== "").join("\n\n");
}
