/**
 * A v2 report being filled in on the phone, and the blank forms of its parts. Everything starts
 * unanswered (null, or an empty list): nothing is pre-selected, so "don't know" is only ever what
 * the reporter chose (docs/report-format.md, "Conventions").
 */
import type { Report } from "./model";
import { upgradeV1 } from "./upgrade";
import {
  REPORT_V2,
  type Act,
  type Complaint,
  type Injury,
  type MedicalCare,
  type PerpetratorGroup,
  type Person,
  type ReportV2,
  type When,
} from "./v2";

/** Version of the phone's v2 form (v1's form was 1). */
export const FORM_VERSION_V2 = 2;

/** What the phone keeps while the report is written: the report minus what sealing adds. */
export type ReportDraftV2 = Omit<ReportV2, "deviceTime" | "reportId" | "reply"> & {
  draftId: string;
  updatedAt: string;
  /** The wizard step the reporter was last on: a draft reopens there (null: from the start). */
  step: string | null;
};

export const unanswered = (): When => ({ precision: "unknown", value: null });

export function emptyDraftV2(language: string, draftId: string, now: Date): ReportDraftV2 {
  return {
    format: "kua.report",
    version: REPORT_V2,
    formVersion: FORM_VERSION_V2,
    draftId,
    updatedAt: now.toISOString(),
    step: null,
    language,
    happeningNow: false,
    addsTo: null,
    reporter: { role: null, personId: null, relationToVictim: null, safeContact: null, reprisalRisk: null },
    consent: {
      record: false,
      photograph: false,
      shareWithProsecutor: false,
      shareWithUn: false,
      victimConsents: null,
      namesToGovernment: null,
    },
    kinds: [],
    when: unanswered(),
    where: { village: null, other: null, placeType: null, gps: null },
    account: null,
    people: [],
    perpetrators: [],
    acts: [],
    injuries: [],
    medical: [],
    complaints: [],
    otherPhotos: [],
  };
}

/** Blank parts: ids are the caller's (a UUIDv7 on the phone). */
export const blank = {
  person: (id: string): Person => ({
    id,
    fullName: null,
    birthDate: null,
    age: null,
    sex: null,
    ethnicity: null,
    relationToReporter: null,
    roles: [],
    whereabouts: null,
    custody: null,
    health: null,
  }),
  perpetrators: (id: string): PerpetratorGroup => ({
    id,
    agency: null,
    unit: null,
    count: null,
    clothing: null,
    vehicles: null,
    namesOrDescriptions: null,
  }),
  act<T extends Act["type"]>(type: T, id: string, personIds: string[] = []): Extract<Act, { type: T }> {
    const base = { id, personIds, perpetratorIds: [], when: null, where: null, source: null, details: null };
    const parts: { [K in Act["type"]]: Omit<Extract<Act, { type: K }>, keyof typeof base> } = {
      detention: {
        type: "detention",
        capacity: null,
        takenToType: null,
        takenTo: null,
        releasedAt: null,
        whereaboutsUnknown: false,
        policeIdShown: null,
        handcuffed: null,
        detentionRecord: null,
        recordDrawnAt: null,
        warrant: null,
        inventory: null,
        familyNotified: null,
        chargesTold: null,
        lawyerAllowed: null,
      },
      search: {
        type: "search",
        whoseHouse: null,
        end: null,
        sanctionedBy: null,
        warrantShown: null,
        witnessesPresent: null,
        present: null,
        itemsSeized: null,
        inventoryGiven: null,
      },
      interrogation: {
        type: "interrogation",
        hours: null,
        atNight: null,
        investigators: null,
        lawyerPresent: null,
        breaks: null,
        threats: null,
        confessionDemanded: null,
        confessionSigned: null,
        crime: { description: null, caseNumber: null, article: null, investigator: null },
      },
      ill_treatment: {
        type: "ill_treatment",
        methods: [],
        object: null,
        position: null,
        duration: null,
        frequency: null,
      },
      harm_to_relative: { type: "harm_to_relative", who: null, what: null },
    };
    return { ...base, ...parts[type] } as unknown as Extract<Act, { type: T }>;
  },
  medical: (id: string, personId: string | null): MedicalCare => ({
    id,
    personId,
    source: null,
    careReceived: null,
    examinedWhere: null,
    examinedWhen: null,
    examinedBy: null,
    policePresent: null,
    examinedOnAdmission: null,
    beatingCertificate: null,
    forensicExam: { status: null, when: null, result: null },
    psychologicalExam: { status: null, when: null, result: null },
    symptoms: null,
    suffocation: { lostConsciousness: null, eyeBleeding: null, hoarseVoice: null },
    psychological: {
      sleepProblems: null,
      nightmares: null,
      fear: null,
      memoryProblems: null,
      withdrawn: null,
      hopelessness: null,
    },
  }),
  complaint: (id: string): Complaint => ({
    id,
    personIds: [],
    to: null,
    when: null,
    source: null,
    answered: null,
    answer: null,
  }),
};

export type { Injury };

/** A draft saved by the v1 form, as a v2 draft: the same reading as a sealed v1 report (upgradeV1). */
export function draftFromV1(
  v1: Omit<Report, "deviceTime" | "reportId" | "reply"> & { draftId: string; updatedAt: string },
): ReportDraftV2 {
  const { draftId, updatedAt, ...rest } = v1;
  const {
    reportId: _id,
    deviceTime: _time,
    reply: _reply,
    ...report
  } = upgradeV1({
    ...rest,
    reportId: draftId,
    deviceTime: updatedAt,
    reply: null,
  });
  return { ...report, formVersion: FORM_VERSION_V2, draftId, updatedAt, step: null };
}

/** A stored draft of either form, as a v2 draft (v1 drafts saved before the update migrate on read). */
export function readDraft(stored: { version?: unknown } & Record<string, unknown>): ReportDraftV2 {
  if (stored["version"] === REPORT_V2) return { step: null, ...stored } as unknown as ReportDraftV2;
  return draftFromV1(stored as unknown as Parameters<typeof draftFromV1>[0]);
}

/** What must be answered before Send: what happened (a kind) and consent to record. In this order. */
export type MissingToSend = "kinds" | "consent";
export function missingToSend(draft: Pick<ReportDraftV2, "kinds" | "consent">): MissingToSend[] {
  const missing: MissingToSend[] = [];
  if (draft.kinds.length === 0) missing.push("kinds");
  if (!draft.consent.record) missing.push("consent");
  return missing;
}

const without = (ids: readonly string[], id: string): string[] => ids.filter((x) => x !== id);

/** The draft without one person, and without every reference to them (a report never names a missing id). */
export function removePerson(draft: ReportDraftV2, personId: string): ReportDraftV2 {
  return {
    ...draft,
    reporter: draft.reporter.personId === personId ? { ...draft.reporter, personId: null } : draft.reporter,
    people: draft.people.filter((person) => person.id !== personId),
    acts: draft.acts.map((act) => ({ ...act, personIds: without(act.personIds, personId) })),
    injuries: draft.injuries.map((injury) => (injury.personId === personId ? { ...injury, personId: null } : injury)),
    medical: draft.medical.map((care) => (care.personId === personId ? { ...care, personId: null } : care)),
    complaints: draft.complaints.map((c) => ({ ...c, personIds: without(c.personIds, personId) })),
  };
}

/** The draft without one group of perpetrators, and without the acts' references to it. */
export function removePerpetrators(draft: ReportDraftV2, groupId: string): ReportDraftV2 {
  return {
    ...draft,
    perpetrators: draft.perpetrators.filter((group) => group.id !== groupId),
    acts: draft.acts.map((act) => ({ ...act, perpetratorIds: without(act.perpetratorIds, groupId) })),
  };
}

/** The draft without one act; injuries it caused stay, no longer tied to it. */
export function removeAct(draft: ReportDraftV2, actId: string): ReportDraftV2 {
  return {
    ...draft,
    acts: draft.acts.filter((act) => act.id !== actId),
    injuries: draft.injuries.map((injury) => (injury.actId === actId ? { ...injury, actId: null } : injury)),
  };
}
