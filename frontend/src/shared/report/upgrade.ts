/**
 * Reading a `kua.report` v1 as v2 (docs/report-format.md, "Reading v1"). Nothing is guessed: a v1
 * answer "unknown" becomes unanswered (null), because v1's form pre-selected "unknown" and so could
 * not tell "don't know" from a question left alone; facts are linked to a person only where v1 said
 * whose they were (an injury's victimId), or where the report names a single victim.
 */
import type { HarmToRelative, Place as PlaceV1, Report, YesNoUnknown } from "./model";
import type { Act, Answer, PerpetratorGroup, Person, Place, ReportV2 } from "./v2";
import { blank } from "./blank";
import { currentPhotoRef } from "./media";
import { REPORT_V2 } from "./v2";

/** Ids the upgrade gives to the acts, perpetrators and medical care v1 held once per report. */
export const V1_IDS = {
  perpetrators: "perpetrators",
  detention: "detention",
  search: "search",
  interrogation: "interrogation",
  torture: "torture",
  harm: (i: number) => `harm-${i + 1}`,
  medical: "medical",
} as const;

const answer = (value: YesNoUnknown | null | undefined): Answer => (value === "yes" || value === "no" ? value : null);

const place = (where: PlaceV1): Place => ({
  village: where.village,
  other: where.other,
  placeType: where.placeType,
  gps: where.gps,
});

const person = (victim: Report["victims"][number]): Person => ({
  id: victim.id,
  fullName: victim.name,
  birthDate: null,
  age: victim.age,
  sex: victim.sex,
  ethnicity: null,
  relationToReporter: victim.relationToReporter,
  roles: ["victim"],
  whereabouts: null,
  custody: null,
  health: victim.health,
});

function perpetrators(v1: Report["perpetrators"]): PerpetratorGroup[] {
  if (Object.values(v1).every((value) => value === null)) return [];
  return [{ id: V1_IDS.perpetrators, ...v1 }];
}

function acts(v1: Report, personIds: string[]): Act[] {
  const base = { personIds, perpetratorIds: [], where: null, source: null, details: null };
  const list: Act[] = [];
  const { detention, search, interrogation, torture } = v1;
  if (detention) {
    const paper = detention.paperwork;
    list.push({
      ...base,
      id: V1_IDS.detention,
      type: "detention",
      when: detention.when,
      capacity: null,
      takenToType: null,
      takenTo: detention.takenTo,
      releasedAt: detention.releasedAt,
      whereaboutsUnknown: detention.whereaboutsUnknown,
      policeIdShown: null,
      handcuffed: null,
      detentionRecord: answer(paper.detentionRecord),
      recordDrawnAt: null,
      warrant: answer(paper.warrant),
      inventory: answer(paper.inventory),
      familyNotified: answer(paper.familyNotified),
      chargesTold: answer(paper.chargesTold),
      lawyerAllowed: answer(paper.lawyerAllowed),
    });
  }
  if (search)
    list.push({
      ...base,
      id: V1_IDS.search,
      type: "search",
      when: search.start,
      whoseHouse: null,
      end: search.end,
      sanctionedBy: null,
      warrantShown: answer(search.warrantShown),
      witnessesPresent: null,
      present: search.present,
      itemsSeized: search.itemsSeized,
      inventoryGiven: answer(search.inventoryGiven),
    });
  if (interrogation)
    list.push({
      ...base,
      id: V1_IDS.interrogation,
      type: "interrogation",
      when: interrogation.start,
      hours: interrogation.hours,
      atNight: answer(interrogation.atNight),
      investigators: interrogation.investigators,
      lawyerPresent: answer(interrogation.lawyerPresent),
      breaks: answer(interrogation.breaks),
      threats: interrogation.threats,
      confessionDemanded: answer(interrogation.confessionDemanded),
      confessionSigned: answer(interrogation.confessionSigned),
      crime: { description: null, caseNumber: null, article: null, investigator: null },
    });
  if (torture)
    list.push({
      ...base,
      id: V1_IDS.torture,
      type: "ill_treatment",
      when: null,
      details: torture.details,
      methods: [...torture.methods],
      object: torture.object,
      position: null,
      duration: null,
      frequency: null,
    });
  v1.harmToRelatives.forEach((harm: HarmToRelative, i) =>
    list.push({
      ...base,
      personIds: [],
      id: V1_IDS.harm(i),
      type: "harm_to_relative",
      when: harm.when,
      details: harm.details,
      who: harm.who,
      what: harm.what,
    }),
  );
  return list;
}

/** A v1 report as v2: every v1 field kept (docs/report-format.md has the table), nothing added but nulls. */
export function upgradeV1(v1: Report): ReportV2 {
  // v1 asked about "the victim": with one victim its acts and medical care are theirs; with several, unsaid.
  const only = v1.victims.length === 1 ? v1.victims[0]!.id : null;
  return {
    format: v1.format,
    version: REPORT_V2,
    formVersion: v1.formVersion,
    reportId: v1.reportId,
    deviceTime: v1.deviceTime,
    language: v1.language,
    happeningNow: v1.happeningNow,
    addsTo: null,
    reporter: {
      role: v1.reporter.role,
      personId: null,
      relationToVictim: v1.reporter.relationToVictim,
      safeContact: v1.reporter.safeContact,
      reprisalRisk: answer(v1.reporter.reprisalRisk),
    },
    consent: { ...v1.consent, victimConsents: null, namesToGovernment: null },
    kinds: [...v1.kinds],
    when: v1.when,
    where: place(v1.where),
    account: v1.account,
    people: v1.victims.map(person),
    perpetrators: perpetrators(v1.perpetrators),
    acts: acts(v1, only === null ? [] : [only]),
    injuries: v1.injuries.map(({ victimId, ...injury }) => ({
      ...injury,
      personId: victimId,
      actId: null,
      source: null,
      photos: injury.photos.map((photo) => currentPhotoRef({ ...photo })),
    })),
    medical: v1.medical
      ? [
          {
            ...blank.medical(V1_IDS.medical, only),
            careReceived: answer(v1.medical.careReceived),
            forensicExam: { status: v1.medical.forensicExam, when: null, result: null },
            symptoms: v1.medical.symptoms,
          },
        ]
      : [],
    complaints: [],
    otherPhotos: v1.otherPhotos.map((photo) => currentPhotoRef({ ...photo })),
    voice: [],
    documents: [],
    device: null,
    reply: v1.reply ?? null,
  };
}
