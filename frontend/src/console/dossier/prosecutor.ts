/**
 * The draft appeal to the General Prosecutor of the Republic of Kazakhstan, modelled on the
 * coalition's letter of 29 April 2020: the facts of the case (dates, villages, what happened, the
 * missing paperwork, the injuries with their photos' SHA-256), then the requests: a criminal case
 * under Article 146 of the Criminal Code (torture), every bodily injury recorded, forensic medical
 * and psychological examinations following the Istanbul Protocol. Built only from reports whose
 * reporter consented to share with the prosecutor (dossier.ts, `consenting`); the reviewer edits it.
 */
import type { Dossier } from "./dossier";
import { injuryText, reportFacts } from "./facts";
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

/** A paragraph of facts per report ("Сообщение № 1. Дата событий: …"); see `reportFacts`. */
export function factsSection(L: DocumentLanguage, d: Dossier, actsOnly = false): string[] {
  return d.sources.flatMap((source) => {
    const facts = reportFacts(L, d, source, actsOnly);
    return facts.length === 0
      ? []
      : [[`${L.t("dossier.doc.reportN", { n: source.reportNumber })}.`, ...facts].join(" ")];
  });
}

/** The prosecutor draft as plain text, in the dossier's language. */
/** "They were photographed" only when each was; "those photographed" when some were; else no photos said. */
function injuriesIntro(d: Dossier): "injuriesIntro" | "injuriesIntroSome" | "injuriesIntroNone" {
  const photographed = d.injuries.filter((i) =>
    d.photos.some((photo) => photo.reportId === i.reportId && photo.injuryNumber === i.number),
  ).length;
  if (photographed === 0) return "injuriesIntroNone";
  return photographed === d.injuries.length ? "injuriesIntro" : "injuriesIntroSome";
}

export function prosecutorDraft(L: DocumentLanguage, d: Dossier): string {
  const p = (key: string, params?: Record<string, string | number>): string => L.t(`dossier.prosecutor.${key}`, params);
  const { kinds, places, period } = caseOverview(L, d);
  const hasViolations = [...d.detentions, ...d.searches, ...d.interrogations].some(
    (item) => item.violations.length > 0,
  );
  const opening = [
    p("received", { n: L.number(d.sources.length) }),
    period && p("period", { period }),
    places && p("places", { places }),
    kinds && p("kinds", { kinds }),
  ].filter(Boolean);

  const blocks: (string | null | false)[] = [
    p("addressee"),
    p("sender"),
    p("subject"),
    opening.join(" "),
    d.sources.length > 0 && [p("factsIntro"), ...factsSection(L, d)].join("\n"),
    hasViolations && p("violationsConcern"),
    d.injuries.length > 0 && [p(injuriesIntro(d)), ...d.injuries.map((i) => `– ${injuryText(L, d, i)}`)].join("\n"),
    p("injuriesRecord"),
    p("istanbul"),
    p("examinations"),
    [p("requestIntro"), p("request1"), p("request2"), p("request3"), p("request4"), p("request5")].join("\n"),
    p("un"),
    p("annex"),
    p("signature"),
  ];
  return blocks.filter((block): block is string => typeof block === "string" && block !== "").join("\n\n");
}
