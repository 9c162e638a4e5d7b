/**
 * A v2 report being filled in on the phone, and the blank forms of its parts. Everything starts
 * unanswered (null, or an empty list): nothing is pre-selected, so "don't know" is only ever what
 * the reporter chose (docs/report-format.md, "Conventions").
 */
import type { Report } from "./model";
import { withMedia } from "./media";
import { upgradeV1 } from "./upgrade";
import { REPORT_V2, type Injury, type ReportV2, type When } from "./v2";

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
    voice: [],
    documents: [],
    device: null,
  };
}

export { blank } from "./blank";

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
  if (stored["version"] === REPORT_V2) return withMedia({ step: null, ...stored }) as unknown as ReportDraftV2;
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
