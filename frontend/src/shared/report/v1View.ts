/**
 * A v2 report seen through v1's shape: what today's console views read until they are rebuilt on
 * v2 (issue 17, phase B). For a report written as v1, `asV1(upgradeV1(v1))` is that report again
 * (read.test.ts checks it field by field). For a report written as v2 the view is partial: the
 * first act of each type, the first perpetrator group and medical care, the victims.
 */
import {
  type Detention,
  type IncidentKind,
  type Place as PlaceV1,
  type PhotoRef,
  type Report,
  type TortureMethod,
  type YesNoUnknown,
  REPORT_VERSION,
} from "./model";
import type { Act, Answer, Person, PhotoRef as PhotoRefV2, Place, ReportV2 } from "./v2";

/** v1 had one answer for both "don't know" and unanswered. */
const yesNoOf = (answer: Answer): YesNoUnknown => (answer === "yes" || answer === "no" ? answer : "unknown");

const V1_METHODS: readonly string[] = [
  "bag_over_head",
  "suffocation_by_hand",
  "beating",
  "beating_with_object",
  "stress_positions",
  "sexual_violence",
  "threats_to_family",
  "electric_shock",
  "other",
] satisfies TortureMethod[];

const place = (where: Place): PlaceV1 => ({
  village: where.village,
  other: where.other,
  placeType: where.placeType === "temporary_detention" || where.placeType === "car" ? "other" : where.placeType,
  gps: where.gps,
});

/** Age in years: as given, or from the birth year at the time of the report. */
function age(person: Person, deviceTime: string): Report["victims"][number]["age"] {
  if (person.age !== null || person.birthDate === null) return person.age;
  return Number(deviceTime.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
}

const firstOf = <T extends Act["type"]>(acts: Act[], type: T): Extract<Act, { type: T }> | undefined =>
  acts.find((act): act is Extract<Act, { type: T }> => act.type === type);

const unknownWhen = { precision: "unknown", value: null } as const;

function detention(act: Extract<Act, { type: "detention" }>): Detention {
  return {
    when: act.when ?? { ...unknownWhen },
    takenTo: act.takenTo,
    // Absent when unanswered, so that a v1 report upgraded and seen again is the same report
    ...(act.capacity === null ? {} : { capacity: act.capacity }),
    paperwork: {
      detentionRecord: yesNoOf(act.detentionRecord),
      warrant: yesNoOf(act.warrant),
      inventory: yesNoOf(act.inventory),
      familyNotified: yesNoOf(act.familyNotified),
      chargesTold: yesNoOf(act.chargesTold),
      lawyerAllowed: yesNoOf(act.lawyerAllowed),
    },
    releasedAt: act.releasedAt,
    whereaboutsUnknown: act.whereaboutsUnknown,
  };
}

/** A photo ref as v1 had it: `capturedAt` was the file's own time. */
function photoV1(photo: PhotoRefV2): PhotoRef {
  const { attachmentId, originalSha256, sealedSha256, fileTime, downscaled, width, height } = photo;
  return { attachmentId, originalSha256, sealedSha256, capturedAt: fileTime, downscaled, width, height };
}

/** The v1 view of a v2 report (see the module comment for what a v2-only report loses here). */
export function asV1(report: ReportV2): Report {
  const { acts } = report;
  const search = firstOf(acts, "search");
  const interrogation = firstOf(acts, "interrogation");
  const torture = firstOf(acts, "ill_treatment");
  const detained = firstOf(acts, "detention");
  const medical = report.medical[0];
  const group = report.perpetrators[0];
  const methods = torture?.methods.map((m): TortureMethod => (V1_METHODS.includes(m) ? (m as TortureMethod) : "other"));
  return {
    format: report.format,
    version: REPORT_VERSION,
    formVersion: report.formVersion,
    reportId: report.reportId,
    deviceTime: report.deviceTime,
    language: report.language,
    happeningNow: report.happeningNow,
    reporter: {
      role: report.reporter.role,
      relationToVictim: report.reporter.relationToVictim,
      safeContact: report.reporter.safeContact,
      reprisalRisk: yesNoOf(report.reporter.reprisalRisk),
    },
    consent: {
      record: report.consent.record,
      photograph: report.consent.photograph,
      shareWithProsecutor: report.consent.shareWithProsecutor,
      shareWithUn: report.consent.shareWithUn,
    },
    kinds: [...report.kinds] as IncidentKind[],
    when: report.when,
    where: place(report.where),
    account: report.account,
    victims: report.people
      .filter((person) => person.roles.includes("victim"))
      .map((person) => ({
        id: person.id,
        name: person.fullName,
        age: age(person, report.deviceTime),
        sex: person.sex,
        relationToReporter: person.relationToReporter,
        health: person.health,
      })),
    perpetrators: {
      agency: group?.agency ?? null,
      unit: group?.unit ?? null,
      count: group?.count ?? null,
      clothing: group?.clothing ?? null,
      vehicles: group?.vehicles ?? null,
      namesOrDescriptions: group?.namesOrDescriptions ?? null,
    },
    detention: detained ? detention(detained) : null,
    search: search
      ? {
          start: search.when ?? { ...unknownWhen },
          end: search.end,
          warrantShown: yesNoOf(search.warrantShown),
          itemsSeized: search.itemsSeized,
          inventoryGiven: yesNoOf(search.inventoryGiven),
          present: search.present,
        }
      : null,
    interrogation: interrogation
      ? {
          start: interrogation.when ?? { ...unknownWhen },
          hours: interrogation.hours,
          atNight: yesNoOf(interrogation.atNight),
          investigators: interrogation.investigators,
          lawyerPresent: yesNoOf(interrogation.lawyerPresent),
          breaks: yesNoOf(interrogation.breaks),
          confessionDemanded: yesNoOf(interrogation.confessionDemanded),
          confessionSigned: yesNoOf(interrogation.confessionSigned),
          threats: interrogation.threats,
        }
      : null,
    torture: torture ? { methods: [...new Set(methods)], object: torture.object, details: torture.details } : null,
    injuries: report.injuries.map(({ personId, actId: _actId, source: _source, ...injury }) => ({
      ...injury,
      victimId: personId,
      photos: injury.photos.map(photoV1),
    })),
    medical: medical
      ? {
          careReceived: yesNoOf(medical.careReceived),
          forensicExam: medical.forensicExam.status === "dont_know" ? null : medical.forensicExam.status,
          symptoms: medical.symptoms,
        }
      : null,
    harmToRelatives: acts
      .filter((act) => act.type === "harm_to_relative")
      .map((harm) => ({ who: harm.who, what: harm.what, when: harm.when, details: harm.details })),
    otherPhotos: report.otherPhotos.map(photoV1),
    reply: report.reply,
  };
}
