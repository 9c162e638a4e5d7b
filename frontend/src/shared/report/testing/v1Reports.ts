/** Test-only: kua.report v1 reports as phones sealed them before v2 (src/shared/report/model.ts). */
import { FORM_VERSION, REPORT_FORMAT, REPORT_VERSION, type PhotoRef, type Report } from "../model";

const photo = (n: number): PhotoRef => ({
  attachmentId: `0192f3a0-7c1e-7a00-8000-00000000010${n}`,
  originalSha256: String(n).repeat(64),
  sealedSha256: "ab".repeat(32),
  capturedAt: "2026-11-25T09:00:00+05:00",
  downscaled: true,
  width: 1600,
  height: 1200,
});

/** A v1 report with every field given (no null anywhere), so that reading it checks each one. */
export function fullV1(): Report {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    formVersion: FORM_VERSION,
    reportId: "0192f3a0-7c1e-7a00-8000-000000000abc",
    deviceTime: "2026-11-25T10:10:00+05:00",
    language: "ru",
    happeningNow: true,
    reporter: { role: "relative", relationToVictim: "мать", safeContact: "через соседку", reprisalRisk: "yes" },
    consent: { record: true, photograph: true, shareWithProsecutor: false, shareWithUn: true },
    kinds: ["detention", "search", "interrogation", "torture", "threats", "paperwork", "harm_to_relatives", "other"],
    when: { precision: "approximate", value: "2026-11-25T06:00" },
    where: { village: "other", other: "Шарбулак", placeType: "street", gps: { lat: 43.1, lon: 74.7, accuracyM: 30 } },
    account: "Сына забрали на рассвете.",
    victims: [{ id: "v1", name: "Хасан", age: 34, sex: "male", relationToReporter: "сын", health: "астма" }],
    perpetrators: {
      agency: "Полиция",
      unit: "Кордайский РОВД",
      count: 6,
      clothing: "both",
      vehicles: "белая Газель",
      namesOrDescriptions: "старший в кожаной куртке",
    },
    detention: {
      when: { precision: "exact", value: "2026-11-25T06:00" },
      takenTo: "Кордайский РОВД",
      paperwork: {
        detentionRecord: "no",
        warrant: "yes",
        inventory: "unknown",
        familyNotified: "no",
        chargesTold: "yes",
        lawyerAllowed: "no",
      },
      releasedAt: { precision: "exact", value: "2026-11-25T22:00" },
      whereaboutsUnknown: true,
    },
    search: {
      start: { precision: "exact", value: "2026-11-25T12:00" },
      end: { precision: "approximate", value: "2026-11-25T15:00" },
      warrantShown: "no",
      itemsSeized: "телефоны",
      inventoryGiven: "yes",
      present: "мать, двое соседей",
    },
    interrogation: {
      start: { precision: "approximate", value: "2026-11-25T20:00" },
      hours: 14,
      atNight: "yes",
      investigators: 5,
      lawyerPresent: "no",
      breaks: "no",
      confessionDemanded: "yes",
      confessionSigned: "unknown",
      threats: "посадим надолго",
    },
    torture: { methods: ["bag_over_head", "beating_with_object", "other"], object: "палка", details: "били по пяткам" },
    injuries: [
      {
        id: "i1",
        victimId: "v1",
        side: "back",
        region: "left_upper_arm",
        x: 0.2,
        y: 0.3,
        type: "bruise",
        sizeCm: 4,
        shape: "полоса",
        colour: "синий",
        happened: { precision: "approximate", value: "2026-11-25" },
        firstSeen: { precision: "exact", value: "2026-11-25T23:00" },
        observedBy: "мать",
        photos: [photo(1), photo(2)],
      },
    ],
    medical: { careReceived: "no", forensicExam: "refused", symptoms: "головная боль" },
    harmToRelatives: [
      {
        who: "жена",
        what: "health_crisis",
        when: { precision: "exact", value: "2026-11-26" },
        details: "упала в обморок",
      },
      { who: "бабушка", what: "death", when: { precision: "approximate", value: "2026-12-01" }, details: "сердце" },
    ],
    otherPhotos: [photo(3)],
    reply: { recipient: "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj" },
  };
}

/** A v1 report as an untouched form left it: every answer "unknown" or null, no sections. */
export function emptyV1(): Report {
  return {
    ...fullV1(),
    happeningNow: false,
    reporter: { role: null, relationToVictim: null, safeContact: null, reprisalRisk: "unknown" },
    consent: { record: true, photograph: false, shareWithProsecutor: false, shareWithUn: false },
    kinds: ["other"],
    when: { precision: "unknown", value: null },
    where: { village: null, other: null, placeType: null, gps: null },
    account: null,
    victims: [],
    perpetrators: { agency: null, unit: null, count: null, clothing: null, vehicles: null, namesOrDescriptions: null },
    detention: null,
    search: null,
    interrogation: null,
    torture: null,
    injuries: [],
    medical: null,
    harmToRelatives: [],
    otherPhotos: [],
    reply: null,
  };
}
