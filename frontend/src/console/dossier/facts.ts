/**
 * The facts of one report as short labelled sentences in the dossier's language, for the appeal
 * drafts: only what the report says, each safeguard answered "no" as a violation, the reporters'
 * free text quoted. A fact left unknown is left out, never guessed.
 */
import type { Dossier, DossierInjury, FromReport } from "./dossier";
import type { DocumentLanguage } from "./language";
import {
  answerText,
  lower,
  perpetratorFacts,
  photoHashes,
  placeText,
  quoted,
  reportRef,
  victimName,
  victimText,
  violationText,
} from "./words";

type Sentence = string | null;

/** "Label: a; b." or null when there is nothing to say. */
function sentence(L: DocumentLanguage, labelKey: string, parts: (string | null | false | undefined)[]): Sentence {
  const known = parts.filter((part): part is string => typeof part === "string" && part !== "");
  return known.length > 0 ? `${L.t(labelKey)}: ${known.join("; ")}.` : null;
}

const ofReport = <T extends FromReport>(items: readonly T[], from: FromReport): T[] =>
  items.filter((item) => item.reportId === from.reportId);

/** One injury: "№ 1 — кровоподтёк, левая рука выше локтя (спереди), 4 см, цвет «синий»…; фото: SHA-256 …". */
export function injuryText(L: DocumentLanguage, d: Dossier, item: DossierInjury, withHashes = true): string {
  const { injury } = item;
  const photos = d.photos.filter((p) => p.reportId === item.reportId && p.injuryNumber === item.number);
  const happened = L.when(injury.happened);
  const parts = [
    injury.type && L.t(`dossier.injuryTypes.${injury.type}`),
    `${lower(L.t(`regions.${injury.region}`))} (${L.t(`dossier.sides.${injury.side}`)})`,
    injury.sizeCm !== null && L.t("dossier.facts.size", { size: L.number(injury.sizeCm) }),
    injury.colour && `${lower(L.t("dossier.injuries.colour"))} ${quoted(L, injury.colour)}`,
    injury.shape && `${lower(L.t("dossier.injuries.shape"))} ${quoted(L, injury.shape)}`,
    item.victim && `${lower(L.t("dossier.injuries.victim"))}: ${victimName(L, item.victim)}`,
    happened && `${lower(L.t("dossier.injuries.happened"))}: ${happened}`,
    injury.observedBy && `${lower(L.t("dossier.injuries.observedBy"))}: ${quoted(L, injury.observedBy)}`,
    photos.length > 0 &&
      (withHashes
        ? `${L.t("dossier.facts.photos", { n: L.number(photos.length) })} (${photos.flatMap((p) => photoHashes(L, p.photo)).join("; ")})`
        : L.t("dossier.facts.photos", { n: L.number(photos.length) })),
  ];
  return `${L.t("dossier.facts.injuryN", { n: item.number })} — ${parts.filter(Boolean).join(", ")} (${lower(reportRef(L, item))})`;
}

/**
 * What one report says, sentence by sentence, in the order events unfold; the injuries are left to
 * `injuryText`, and with `actsOnly` who, when and where too (for a draft with headings for them).
 */
export function reportFacts(L: DocumentLanguage, d: Dossier, from: FromReport, actsOnly = false): string[] {
  const event = d.events.find((e) => e.reportId === from.reportId);
  const detention = ofReport(d.detentions, from)[0];
  const search = ofReport(d.searches, from)[0];
  const interrogation = ofReport(d.interrogations, from)[0];
  const torture = ofReport(d.torture, from)[0]?.torture;
  const medical = ofReport(d.medical, from)[0]?.medical;
  const perpetrators = ofReport(d.perpetrators, from)[0]?.perpetrators;
  const yes = (answer: string, key: string): string | null => (answer === "yes" ? L.t(key) : null);

  const sentences: Sentence[] = actsOnly
    ? []
    : [
        sentence(L, "dossier.facts.when", [L.when(event?.when)]),
        sentence(L, "dossier.facts.place", [event && placeText(L, event.place)]),
        sentence(
          L,
          "dossier.facts.victims",
          ofReport(d.victims, from).map((v) => victimText(L, v)),
        ),
        sentence(L, "dossier.facts.perpetrators", perpetrators ? perpetratorFacts(L, perpetrators) : []),
      ];
  if (detention) {
    const { detention: x } = detention;
    const released = L.when(x.releasedAt);
    sentences.push(
      sentence(L, "dossier.facts.detention", [
        L.when(x.when) ?? L.t("dossier.facts.whenNotGiven"),
        x.takenTo && L.t("dossier.facts.takenTo", { place: quoted(L, x.takenTo)! }),
        released && L.t("dossier.facts.released", { when: released }),
        x.whereaboutsUnknown && L.t("dossier.facts.whereaboutsUnknown"),
      ]),
      sentence(
        L,
        "dossier.facts.violations.detention",
        detention.violations.map((v) => violationText(L, v)),
      ),
    );
  }
  if (search) {
    const { search: x } = search;
    const [start, end] = [L.when(x.start), L.when(x.end)];
    sentences.push(
      sentence(L, "dossier.facts.search", [
        start ? L.t("dossier.facts.started", { when: start }) : L.t("dossier.facts.whenNotGiven"),
        end && L.t("dossier.facts.ended", { when: end }),
        x.itemsSeized && `${lower(L.t("dossier.searches.itemsSeized"))}: ${quoted(L, x.itemsSeized)}`,
        x.present && `${lower(L.t("dossier.searches.present"))}: ${quoted(L, x.present)}`,
      ]),
      sentence(
        L,
        "dossier.facts.violations.search",
        search.violations.map((v) => violationText(L, v)),
      ),
    );
  }
  if (interrogation) {
    const { interrogation: x } = interrogation;
    const start = L.when(x.start);
    sentences.push(
      sentence(L, "dossier.facts.interrogation", [
        start ? L.t("dossier.facts.started", { when: start }) : L.t("dossier.facts.whenNotGiven"),
        yes(x.atNight, "dossier.facts.atNight"),
        x.hours !== null && L.t("dossier.facts.hours", { n: L.number(x.hours) }),
        x.investigators !== null && L.t("dossier.facts.investigators", { n: L.number(x.investigators) }),
        yes(x.lawyerPresent, "dossier.facts.lawyerPresent"),
        yes(x.confessionDemanded, "dossier.facts.confessionDemanded"),
        x.confessionSigned === "unknown" ? null : L.t(`dossier.facts.confessionSigned.${x.confessionSigned}`),
        x.threats && `${lower(L.t("dossier.interrogations.threats"))}: ${quoted(L, x.threats)}`,
      ]),
      sentence(
        L,
        "dossier.facts.violations.interrogation",
        interrogation.violations.map((v) => violationText(L, v)),
      ),
    );
  }
  if (torture) {
    sentences.push(
      sentence(L, "dossier.facts.methods", [
        ...torture.methods.filter((m) => m !== "other").map((m) => L.t(`dossier.methods.${m}`)),
        torture.object && `${lower(L.t("dossier.torture.object"))}: ${quoted(L, torture.object)}`,
        torture.details && `${lower(L.t("dossier.torture.details"))}: ${quoted(L, torture.details)}`,
      ]),
    );
  }
  if (medical) {
    sentences.push(
      sentence(L, "dossier.facts.medical", [
        medical.careReceived !== "unknown" &&
          `${lower(L.t("dossier.medical.careReceived"))}: ${answerText(L, medical.careReceived)}`,
        medical.forensicExam &&
          `${lower(L.t("dossier.medical.forensicExam"))}: ${L.t(`dossier.forensicExam.${medical.forensicExam}`)}`,
        medical.symptoms && `${lower(L.t("dossier.medical.symptoms"))}: ${quoted(L, medical.symptoms)}`,
      ]),
    );
  }
  sentences.push(
    sentence(
      L,
      "dossier.facts.harms",
      ofReport(d.harms, from).map(({ harm }) =>
        [
          quoted(L, harm.who),
          harm.what && L.t(`dossier.harms.${harm.what}`),
          L.when(harm.when),
          quoted(L, harm.details),
        ]
          .filter(Boolean)
          .join(", "),
      ),
    ),
  );
  return sentences.filter((s): s is string => s !== null);
}
