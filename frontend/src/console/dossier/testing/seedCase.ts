/**
 * Test-only: the seed letter's facts as a case of two reports (a mother's and a neighbour's), for
 * the dossier's tests. Never imported by the console.
 */
import type { PhotoRef, Report } from "../../../shared/report/model";
import { reportMeta, sampleReport } from "../../testing/reports";
import type { DossierInput } from "../dossier";

export const PHOTO: PhotoRef = {
  attachmentId: "a1a1a1a1-0000-4000-8000-000000000001",
  originalSha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  sealedSha256: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
  capturedAt: "2020-04-29T05:15:00Z",
  downscaled: true,
  width: 1600,
  height: 1200,
};

/** The mother: her son arrested at dawn without papers, questioned 14 hours at night, a bag over his head. */
export const MOTHER: Report = sampleReport({
  reportId: "r-mother",
  kinds: ["detention", "interrogation", "torture", "paperwork"],
  when: { precision: "exact", value: "2020-04-28T06:00" },
  where: { village: "sortobe", other: null, placeType: "home", gps: null },
  account: "Сына забрали в 6 утра, документов не показали.",
  victims: [{ id: "v1", name: "Айдир Масанов", age: null, sex: "male", relationToReporter: "сын", health: null }],
  perpetrators: {
    agency: "Полиция",
    unit: "Кордайский РОВД",
    count: 5,
    clothing: "both",
    vehicles: null,
    namesOrDescriptions: null,
  },
  detention: {
    when: { precision: "exact", value: "2020-04-28T06:00" },
    takenTo: "Кордайский РОВД",
    paperwork: {
      detentionRecord: "no",
      warrant: "no",
      inventory: "unknown",
      familyNotified: "unknown",
      chargesTold: "no",
      lawyerAllowed: "no",
    },
    releasedAt: { precision: "approximate", value: "2020-04-28T22:00" },
    whereaboutsUnknown: false,
  },
  interrogation: {
    start: { precision: "exact", value: "2020-04-28T08:00" },
    hours: 14,
    atNight: "yes",
    investigators: 5,
    lawyerPresent: "no",
    breaks: "no",
    confessionDemanded: "yes",
    confessionSigned: "unknown",
    threats: "посадить надолго",
  },
  torture: { methods: ["bag_over_head", "beating_with_object"], object: "палка", details: null },
  injuries: [
    {
      id: "i1",
      victimId: "v1",
      side: "front",
      region: "left_upper_arm",
      x: 0.7,
      y: 0.35,
      type: "bruise",
      sizeCm: 4,
      shape: null,
      colour: "синий",
      happened: { precision: "approximate", value: "2020-04-28" },
      firstSeen: null,
      observedBy: null,
      photos: [PHOTO],
    },
  ],
  consent: { record: true, photograph: true, shareWithProsecutor: true, shareWithUn: true },
});

/** The neighbour: a search since noon without a warrant; an elderly woman died of fear. */
export const NEIGHBOUR: Report = sampleReport({
  reportId: "r-neighbour",
  kinds: ["search", "harm_to_relatives"],
  when: { precision: "approximate", value: "2020-04-28T12:00" },
  where: { village: "sortobe", other: null, placeType: null, gps: null },
  account: null,
  victims: [{ id: "v1", name: null, age: "elderly", sex: "female", relationToReporter: null, health: null }],
  perpetrators: { agency: null, unit: null, count: null, clothing: null, vehicles: null, namesOrDescriptions: null },
  detention: null,
  search: {
    start: { precision: "exact", value: "2020-04-28T12:00" },
    end: null,
    warrantShown: "no",
    itemsSeized: null,
    inventoryGiven: "unknown",
    present: null,
  },
  harmToRelatives: [
    { who: "мать задержанного", what: "death", when: { precision: "exact", value: "2020-04-29" }, details: null },
  ],
  consent: { record: true, photograph: false, shareWithProsecutor: true, shareWithUn: false },
});

export const MOTHER_ID = "11111111-1111-4111-8111-111111111111";
export const NEIGHBOUR_ID = "22222222-2222-4222-8222-222222222222";
export const UNREADABLE_ID = "33333333-3333-4333-8333-333333333333";

/** The case: the mother's report first, then the neighbour's, and a third this key cannot open. */
export function seedCase(): DossierInput {
  return {
    caseId: "c1",
    title: "Задержания в Сортобе",
    reportIds: [MOTHER_ID, NEIGHBOUR_ID, UNREADABLE_ID],
    opened: [
      { meta: reportMeta(NEIGHBOUR_ID, "2020-04-29T09:30:00Z", { sha256: "b".repeat(64) }), report: NEIGHBOUR },
      {
        meta: reportMeta(MOTHER_ID, "2020-04-29T08:00:00Z", {
          sha256: "a".repeat(64),
          attachments: [{ attachment_id: PHOTO.attachmentId, received: true, withdrawn: false }],
        }),
        report: MOTHER,
      },
    ],
  };
}
