/**
 * The report, format `kua.report` version 1: what a reporter's phone seals to the recipient list.
 *
 * Grounded in the domain brief (Istanbul Protocol, HURIDOCS events). Every section is optional
 * except the minimum checked by `missingMinimum`; unknown answers are `null`, never guessed. The
 * format is versioned: a change is an addition. The reviewer console reads the same types.
 *
 * Addition (follow-up questions, still version 1): `reply`, the age recipient of an X25519 identity
 * the phone drew for this report only. A reviewer's question is sealed to it, so only the phone that
 * sent the report can read it. Absent or null in reports sealed before the addition.
 */

export const REPORT_FORMAT = "kua.report";
export const REPORT_VERSION = 1;
/** Version of the guided form that produced the report (its questions may change over time). */
export const FORM_VERSION = 1;

export type IncidentKind =
  "detention" | "search" | "interrogation" | "torture" | "threats" | "paperwork" | "harm_to_relatives" | "other";

export type ReporterRole = "relative" | "monitor" | "victim" | "witness";
export type Precision = "exact" | "approximate" | "unknown";
export type YesNoUnknown = "yes" | "no" | "unknown";

/** Villages of Kordai district offered first; anything else is free text. */
export const GAZETTEER = ["bular_batyr", "sortobe", "masanchi", "aukhatty", "kasyk", "kordai"] as const;
export type Village = (typeof GAZETTEER)[number] | "other";
export type PlaceType = "home" | "street" | "police_station" | "other";

export interface When {
  precision: Precision;
  /** ISO 8601 local date-time as the reporter gave it ("2020-04-28T12:00"), or a date only. */
  value: string | null;
}

export interface Place {
  village: Village | null;
  other: string | null;
  placeType: PlaceType | null;
  /** Only with the explicit GPS opt-in; never filled by default. */
  gps: { lat: number; lon: number; accuracyM: number } | null;
}

export interface Victim {
  id: string;
  name: string | null;
  /** Years, or "elderly" when the exact age is not known. */
  age: number | "elderly" | null;
  sex: "female" | "male" | "other" | null;
  relationToReporter: string | null;
  health: string | null;
}

export interface Perpetrators {
  agency: string | null;
  unit: string | null;
  count: number | null;
  clothing: "uniform" | "plain_clothes" | "both" | null;
  vehicles: string | null;
  namesOrDescriptions: string | null;
}

/** The paperwork checklist: each answer is yes / no / unknown. */
export interface Paperwork {
  detentionRecord: YesNoUnknown;
  warrant: YesNoUnknown;
  inventory: YesNoUnknown;
  familyNotified: YesNoUnknown;
  chargesTold: YesNoUnknown;
  lawyerAllowed: YesNoUnknown;
}

/** In what capacity the person was taken (v2's `capacity`; v1 never asked). */
export type DetentionCapacity = "for_a_chat" | "witness" | "suspect" | "other" | "dont_know";

export interface Detention {
  when: When;
  takenTo: string | null;
  /** Only in the v1 view of a v2 report that answers it: a v1 report has none. */
  capacity?: DetentionCapacity;
  paperwork: Paperwork;
  releasedAt: When | null;
  whereaboutsUnknown: boolean;
}

export interface Search {
  start: When;
  end: When | null;
  warrantShown: YesNoUnknown;
  itemsSeized: string | null;
  inventoryGiven: YesNoUnknown;
  present: string | null;
}

export interface Interrogation {
  start: When;
  hours: number | null;
  atNight: YesNoUnknown;
  investigators: number | null;
  lawyerPresent: YesNoUnknown;
  breaks: YesNoUnknown;
  confessionDemanded: YesNoUnknown;
  confessionSigned: YesNoUnknown;
  threats: string | null;
}

export type TortureMethod =
  | "bag_over_head"
  | "suffocation_by_hand"
  | "beating"
  | "beating_with_object"
  | "stress_positions"
  | "sexual_violence"
  | "threats_to_family"
  | "electric_shock"
  | "other";

export interface Torture {
  methods: TortureMethod[];
  object: string | null;
  details: string | null;
}

export type BodySide = "front" | "back";
export type InjuryType = "bruise" | "abrasion" | "laceration" | "burn" | "swelling" | "fracture" | "other";

/** A photo attached to a report: the ciphertext travels separately, as an attachment upload. */
export interface PhotoRef {
  attachmentId: string;
  /** SHA-256 (hex) of the original file as picked, before any downscale. */
  originalSha256: string;
  /** SHA-256 (hex) of the bytes that were sealed (the original, or the downscaled copy). */
  sealedSha256: string;
  capturedAt: string | null;
  downscaled: boolean;
  width: number | null;
  height: number | null;
}

/** One injury (Istanbul Protocol): where on the body diagram, what it looks like, when. */
export interface Injury {
  id: string;
  victimId: string | null;
  side: BodySide;
  /** Region id of the body diagram ("head", "chest", "left_upper_arm"...). */
  region: string;
  /** Tap position on the diagram, 0..1 of its width and height. */
  x: number;
  y: number;
  type: InjuryType | null;
  sizeCm: number | null;
  shape: string | null;
  colour: string | null;
  happened: When | null;
  firstSeen: When | null;
  observedBy: string | null;
  photos: PhotoRef[];
}

export interface Medical {
  careReceived: YesNoUnknown;
  forensicExam: "requested" | "done" | "refused" | "not_requested" | null;
  symptoms: string | null;
}

export interface HarmToRelative {
  who: string | null;
  what: "health_crisis" | "death" | "threats" | "job_loss" | "other" | null;
  when: When | null;
  details: string | null;
}

export interface Consent {
  record: boolean;
  photograph: boolean;
  shareWithProsecutor: boolean;
  shareWithUn: boolean;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  formVersion: number;
  reportId: string;
  /** The phone's clock when sealed (ISO 8601 with offset); reviewers know it may be wrong. */
  deviceTime: string;
  language: string;
  happeningNow: boolean;
  reporter: {
    role: ReporterRole | null;
    relationToVictim: string | null;
    safeContact: string | null;
    reprisalRisk: YesNoUnknown;
  };
  consent: Consent;
  kinds: IncidentKind[];
  when: When;
  where: Place;
  account: string | null;
  victims: Victim[];
  perpetrators: Perpetrators;
  detention: Detention | null;
  search: Search | null;
  interrogation: Interrogation | null;
  torture: Torture | null;
  injuries: Injury[];
  medical: Medical | null;
  harmToRelatives: HarmToRelative[];
  /** Photos not tied to one injury (a searched house, a document). */
  otherPhotos: PhotoRef[];
  /** Where follow-up questions go: the recipient ("age1...") of this report's reply identity. */
  reply?: ReplyTo | null;
}

/** The report's reply recipient; its identity stays on the phone, encrypted at rest. */
export interface ReplyTo {
  recipient: string;
}

/** A report being filled in: the same shape, saved encrypted at rest as a draft until sent. */
export type ReportDraft = Omit<Report, "deviceTime" | "reportId" | "reply"> & { draftId: string; updatedAt: string };

/** Every attachment id a report refers to, in order (declared to the server as ids only). */
export function attachmentIds(report: Pick<Report, "injuries" | "otherPhotos">): string[] {
  return [...report.injuries.flatMap((injury) => injury.photos), ...report.otherPhotos].map((p) => p.attachmentId);
}

/** What is still required before a report can be sent: at least one kind, and consent to record. */
export function missingMinimum(draft: Pick<Report, "kinds" | "consent">): ("kinds" | "consent")[] {
  const missing: ("kinds" | "consent")[] = [];
  if (draft.kinds.length === 0) missing.push("kinds");
  if (!draft.consent.record) missing.push("consent");
  return missing;
}
