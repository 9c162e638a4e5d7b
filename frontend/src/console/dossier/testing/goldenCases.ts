/**
 * Test-only: the cases the golden drafts are made from (golden.test.ts): the seed letter's families,
 * a woman taken "for a chat", a report without photos, a "happening now" report of someone whose
 * whereabouts are unknown, and a report whose family answered two questions (with a recording, transcribed
 * and translated by a reviewer). Never imported by the console.
 */
import seedLetter from "../../../shared/report/examples/seed-letter.v2.json";
import { blank } from "../../../shared/report/blank";
import type { Answer } from "../../../shared/report/followups";
import type { ReportV2 } from "../../../shared/report/v2";
import { asV1 } from "../../../shared/report/v1View";
import { reportMeta } from "../../testing/reports";
import type { CaseAnswer, CaseTranscript, DossierInput, SourceReport } from "../dossier";
import { seedCase } from "./seedCase";

const SEED = seedLetter as unknown as ReportV2;

function source(id: string, receivedAt: string, full: ReportV2): SourceReport {
  return {
    meta: reportMeta(id, receivedAt, { sha256: id.replace(/-/g, "").slice(0, 8).repeat(8) }),
    report: asV1(full),
    full,
    namesToGovernment: full.consent.namesToGovernment,
  };
}

const ALL_CONSENTS: ReportV2["consent"] = {
  record: true,
  photograph: true,
  shareWithProsecutor: true,
  shareWithUn: true,
  victimConsents: "yes",
  namesToGovernment: "yes",
};

/** Гульнара Ли, 1975, taken from home "for a chat" at 21:00, held until 02:00 without a record, slapped. */
export function womanDetained(): ReportV2 {
  const gulnara = { ...blank.person("gulnara"), fullName: "Ли Гульнара", birthDate: "1975", sex: "female" as const };
  return {
    ...SEED,
    reportId: "0192f3a0-7c1e-7a00-8000-0000000000a1",
    deviceTime: "2020-05-03T10:00:00+06:00",
    happeningNow: false,
    reporter: { role: "victim", personId: "gulnara", relationToVictim: null, safeContact: null, reprisalRisk: "yes" },
    consent: ALL_CONSENTS,
    kinds: ["detention", "interrogation", "torture"],
    when: { precision: "exact", value: "2020-05-01T21:00" },
    where: { village: "bular_batyr", other: null, placeType: "home", gps: null },
    account: "Вечером пришли двое, сказали «на беседу». Держали до двух ночи, били по лицу.",
    people: [{ ...gulnara, roles: ["victim"], custody: "released", ethnicity: "дунганка" }],
    perpetrators: [{ ...blank.perpetrators("two"), agency: "полиция", count: 2, clothing: "plain_clothes" }],
    acts: [
      {
        ...blank.act("detention", "taken", ["gulnara"]),
        perpetratorIds: ["two"],
        when: { precision: "exact", value: "2020-05-01T21:00" },
        where: { village: "bular_batyr", other: null, placeType: "home", gps: null },
        source: "saw_myself",
        capacity: "for_a_chat",
        takenToType: "district_police",
        takenTo: "Кордайский РОВД",
        releasedAt: { precision: "exact", value: "2020-05-02T02:00" },
        detentionRecord: "no",
        lawyerAllowed: "no",
        familyNotified: "no",
        chargesTold: "no",
      },
      {
        ...blank.act("interrogation", "asked", ["gulnara"]),
        perpetratorIds: ["two"],
        when: { precision: "exact", value: "2020-05-01T22:00" },
        source: "saw_myself",
        hours: 4,
        atNight: "yes",
        lawyerPresent: "no",
        confessionDemanded: "yes",
        confessionSigned: "no",
        threats: "Заберём сына",
      },
      {
        ...blank.act("ill_treatment", "slapped", ["gulnara"]),
        perpetratorIds: ["two"],
        when: { precision: "approximate", value: "2020-05-01T23:00" },
        source: "saw_myself",
        methods: ["beating", "threats_to_family"],
      },
    ],
    injuries: [],
    medical: [],
    complaints: [],
    otherPhotos: [],
  };
}

/** Happening now: Юсуп, 17, taken an hour ago, nobody knows where. */
export function happeningNow(): ReportV2 {
  const yusup = { ...blank.person("yusup"), fullName: "Юсупов Юсуп", age: 17, sex: "male" as const };
  return {
    ...SEED,
    reportId: "0192f3a0-7c1e-7a00-8000-0000000000b1",
    deviceTime: "2020-05-05T23:10:00+06:00",
    happeningNow: true,
    reporter: { role: "relative", personId: null, relationToVictim: "мать", safeContact: null, reprisalRisk: null },
    consent: { ...ALL_CONSENTS, victimConsents: null, namesToGovernment: "dont_know" },
    kinds: ["detention"],
    when: { precision: "approximate", value: "2020-05-05T22:00" },
    where: { village: "sortobe", other: null, placeType: "street", gps: null },
    account: "Сына посадили в машину без номеров.",
    people: [{ ...yusup, roles: ["victim"], custody: "whereabouts_unknown" }],
    perpetrators: [{ ...blank.perpetrators("car"), count: 3, vehicles: "машина без номеров" }],
    acts: [
      {
        ...blank.act("detention", "taken", ["yusup"]),
        perpetratorIds: ["car"],
        when: { precision: "approximate", value: "2020-05-05T22:00" },
        source: "heard_from_others",
        takenToType: "car",
        whereaboutsUnknown: true,
      },
    ],
    injuries: [],
    medical: [],
    complaints: [],
    otherPhotos: [],
  };
}

/** The seed letter's Aydir with his father (78, threatened) and two answers from the family. */
export function answeredReport(): ReportV2 {
  const father = {
    ...blank.person("father"),
    fullName: "Масанов Хусей",
    age: 78,
    sex: "male" as const,
    relationToReporter: "отец",
    roles: ["relative_harmed" as const],
  };
  return {
    ...SEED,
    consent: ALL_CONSENTS,
    people: [...SEED.people, father],
    acts: [
      ...SEED.acts,
      {
        ...blank.act("harm_to_relative", "father-threatened", ["father"]),
        when: { precision: "approximate", value: "2020-04-28T06:00" },
        source: "saw_myself",
        what: "threats",
      },
    ],
    voice: [
      {
        attachmentId: VOICE_ID,
        field: "account",
        mime: "audio/webm;codecs=opus",
        durationMs: 134_000,
        bytes: 402_000,
        sha256: "c".repeat(64),
        capturedAt: "2020-04-28T23:30:00+06:00",
        signature: null,
      },
    ],
    complaints: [
      {
        id: "c1",
        personIds: ["aydir"],
        to: "прокуратура Жамбылской области",
        when: { precision: "approximate", value: "2020-05-10" },
        source: "saw_myself",
        answered: "no",
        answer: null,
      },
    ],
  };
}

export const VOICE_ID = "0192f3a0-7c1e-7a00-8000-0000000000c1";

/** A reviewer's transcript of the sister's recording, and its English translation. */
export const TRANSCRIPTS: CaseTranscript[] = [
  {
    reportId: SEED.reportId,
    attachmentId: VOICE_ID,
    kind: "transcript",
    language: "ru",
    text: "Его забрали в шесть утра, в РОВД надели пакет на голову.",
    at: "2020-05-02T09:00:00Z",
  },
  {
    reportId: SEED.reportId,
    attachmentId: VOICE_ID,
    kind: "translation",
    language: "en",
    text: "They took him at six in the morning; at the police station they put a bag over his head.",
    at: "2020-05-02T09:30:00Z",
  },
];

const answer = (questionId: string, answerId: string, text: string): Answer => ({
  format: "kua.answer",
  version: 1,
  reportId: SEED.reportId,
  questionId,
  answerId,
  text,
  writtenAt: "2020-05-12T10:00:00+06:00",
  media: { photos: [], voice: [], documents: [] },
});

export const ANSWERS: CaseAnswer[] = [
  {
    reportId: SEED.reportId,
    question: { text: "Осматривал ли Айдыра врач после освобождения?", askedAt: "2020-05-11T08:00:00Z" },
    answer: answer("q1", "a1", "Да, 29 апреля его осмотрел фельдшер в Сортобе, записал синяки на спине."),
    receivedAt: "2020-05-12T04:30:00Z",
  },
  {
    reportId: SEED.reportId,
    question: { text: "Знаете ли вы звание или фамилию сотрудника, который бил?", askedAt: "2020-05-11T08:05:00Z" },
    answer: answer("q2", "a2", "Капитан Ахметов, так к нему обращались другие."),
    receivedAt: "2020-05-12T04:35:00Z",
  },
];

const one = (
  caseId: string,
  full: ReportV2,
  answers: CaseAnswer[] = [],
  transcripts: CaseTranscript[] = [],
): DossierInput => ({
  caseId,
  title: null,
  reportIds: [full.reportId],
  opened: [source(full.reportId, "2020-05-06T03:00:00Z", full)],
  answers,
  transcripts,
});

/** The golden cases by name. */
export const GOLDEN_CASES: Record<string, () => DossierInput> = {
  "seed-families": seedCase,
  "woman-detained": () => one("c-woman", womanDetained()),
  "happening-now": () => one("c-now", happeningNow()),
  "answered-two-questions": () => one("c-answered", answeredReport(), ANSWERS, TRANSCRIPTS),
};
