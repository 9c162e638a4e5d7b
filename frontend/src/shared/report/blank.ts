/**
 * Blank parts of a v2 report: every answer unanswered (null) or an empty list, never guessed. The
 * phone's form starts from them, and `upgradeV1` fills them with what a v1 report said.
 */
import type { Act, Complaint, MedicalCare, PerpetratorGroup, Person } from "./v2";

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
