/**
 * A case's dossier as data: what the printable document and the appeal drafts say, gathered from
 * the case's reports as they were decrypted in this browser and the queue's server facts (when each
 * arrived, the SHA-256 of its receipt). Nothing is inferred: a field a report leaves unknown stays
 * null here, and the same person described in two reports stays two entries (reviewers judge).
 * The server never sees a dossier.
 */
import type { Consent, IncidentKind, PhotoRef, Place, Report, ReporterRole, When } from "../../shared/report/model";
import type { Answer, ReportV2 } from "../../shared/report/v2";
import type { Answer as FamilyAnswer } from "../../shared/report/followups";
import { upgradeV1 } from "../../shared/report/upgrade";
import type { ReportMeta } from "../apiTypes";
import { mergedTimeline, type TimelineEvent } from "../cases/timeline";

/** A report of the case, opened in this browser, with what the server knows of its arrival. */
export interface SourceReport {
  meta: ReportMeta;
  report: Report;
  /**
   * Whether the names may be given to the Government (v2's `consent.namesToGovernment`): the UN
   * transmits a communication to it, so only "yes" lets a name into the UN draft. Absent for a v1
   * report, which never asked: its names are withheld too.
   */
  namesToGovernment?: Answer | undefined;
  /** Set by `consenting` for the UN when the names were taken out. */
  namesWithheld?: true;
  /** The report in its own model (v2; a v1 report upgraded): what the drafts read. */
  full?: ReportV2 | null;
}

/** A family's answer to a follow-up question, opened in this browser. */
export interface CaseAnswer {
  reportId: string;
  question: { text: string; askedAt: string } | null;
  answer: FamilyAnswer;
  /** When the server received it. */
  receivedAt: string;
}

export interface DossierInput {
  caseId: string;
  /** The decrypted case title; null when it could not be opened. */
  title: string | null;
  /** Every report of the case, in the case's order (numbers "report 1, 2..." follow it). */
  reportIds: readonly string[];
  /** The reports opened in this browser (any order). */
  opened: readonly SourceReport[];
  /** The families' answers opened in this browser (any order); none when not loaded. */
  answers?: readonly CaseAnswer[];
  /** Reviewers' transcripts and translations of recordings (media notes), opened here; none when not loaded. */
  transcripts?: readonly CaseTranscript[];
}

/** A transcript or translation of a recording, as a reviewer wrote it (console/media/mediaNote.ts). */
export interface CaseTranscript {
  reportId: string;
  attachmentId: string;
  kind: "transcript" | "translation";
  /** BCP 47 tag of the text's language. */
  language: string;
  text: string;
  /** When the note was kept (server time). */
  at: string;
}

/** Where a fact comes from: the report's id and its number in the case. */
export interface FromReport {
  reportId: string;
  reportNumber: number;
}

export interface DossierPhoto extends FromReport {
  photo: PhotoRef;
  /** The injury it shows (its dossier number), or null for a photo not tied to one injury. */
  injuryNumber: number | null;
  /** Whether the server holds its completed upload (only then can it be opened). */
  received: boolean;
  /** The relative withdrew the original on the phone: it will never be received. */
  withdrawn: boolean;
  /** The reporter agreed that the photos be used (`consent.photograph`); if not, shown but never printed. */
  consented: boolean;
}

export interface DossierSource extends FromReport {
  receivedAt: string;
  /** SHA-256 of the report's age file, as the phone's receipt names it. */
  sha256: string;
  deviceTime: string;
  reporterRole: ReporterRole | null;
  consent: Consent;
  /** Its names were taken out by `consenting(…, "un")`. */
  namesWithheld: boolean;
}

export interface DossierSummary {
  /** Reports opened, and reports in the case (some may not open with this key). */
  reportCount: number;
  caseReportCount: number;
  /** Earliest and latest known moments ("2020-04-28T06:00"), null when no time is known. */
  from: string | null;
  to: string | null;
  /** Distinct places named (village or free text), in report order. */
  places: Place[];
  kinds: IncidentKind[];
  injuryCount: number;
  photoCount: number;
  happeningNow: boolean;
}

export interface Dossier {
  caseId: string;
  title: string | null;
  summary: DossierSummary;
  timeline: (TimelineEvent & { reportNumber: number })[];
  /** Each report's own when, where and kinds. */
  events: (FromReport & { when: When; place: Place; kinds: IncidentKind[]; happeningNow: boolean })[];
  photos: DossierPhoto[];
  accounts: (FromReport & { account: string })[];
  sources: DossierSource[];
  /** Reports of the case that are not opened here (not for this key, or not loaded). */
  missing: string[];
}

const KIND_ORDER: readonly IncidentKind[] = [
  "detention",
  "search",
  "interrogation",
  "torture",
  "threats",
  "paperwork",
  "harm_to_relatives",
  "other",
];

const placeKey = (place: Place): string | null =>
  place.village && place.village !== "other"
    ? place.village
    : place.other?.trim()
      ? `other:${place.other.trim().toLowerCase()}`
      : null;

/**
 * The dossier of a case: summary, timeline, injuries and photos, accounts and sources, in the case's
 * report order. Persons and acts are read from the evidence (appeal/evidence.ts), not from here.
 */
export function buildDossier(input: DossierInput): Dossier {
  const byId = new Map(input.opened.map((source) => [source.meta.report_id, source]));
  const ordered = input.reportIds.flatMap((id, index) => {
    const source = byId.get(id);
    return source ? [{ ...source, from: { reportId: id, reportNumber: index + 1 } }] : [];
  });
  const from = (reportId: string): FromReport => ordered.find((s) => s.from.reportId === reportId)!.from;

  // Numbered through the case, as the injuries table and body diagrams number them (appeal/evidence.ts)
  let injuryNumber = 0;
  const injuries = ordered.flatMap(({ report, from }) =>
    report.injuries.map((injury) => ({ ...from, number: ++injuryNumber, injury })),
  );
  const photos = ordered.flatMap(({ meta, report, from }) => {
    const received = new Set(meta.attachments.filter((a) => a.received).map((a) => a.attachment_id));
    const withdrawn = new Set(meta.attachments.filter((a) => a.withdrawn).map((a) => a.attachment_id));
    const tied = injuries
      .filter((i) => i.reportId === from.reportId)
      .flatMap((i) => i.injury.photos.map((photo) => ({ ...from, photo, injuryNumber: i.number })));
    const loose = report.otherPhotos.map((photo) => ({ ...from, photo, injuryNumber: null }));
    return [...tied, ...loose].map((item) => ({
      ...item,
      received: received.has(item.photo.attachmentId),
      withdrawn: withdrawn.has(item.photo.attachmentId),
      consented: report.consent.photograph,
    }));
  });

  const timeline = mergedTimeline(ordered.map(({ report, from }) => ({ reportId: from.reportId, report }))).map(
    (event) => ({
      ...event,
      reportNumber: from(event.reportId).reportNumber,
    }),
  );
  const known = timeline.flatMap((event) => (event.at === null ? [] : [event.at])).sort();

  const places = new Map<string, Place>();
  for (const { report } of ordered) {
    const key = placeKey(report.where);
    if (key !== null && !places.has(key)) places.set(key, report.where);
  }
  const kinds = new Set(ordered.flatMap(({ report }) => report.kinds));

  return {
    caseId: input.caseId,
    title: input.title,
    summary: {
      reportCount: ordered.length,
      caseReportCount: input.reportIds.length,
      from: known[0] ?? null,
      to: known[known.length - 1] ?? null,
      places: [...places.values()],
      kinds: KIND_ORDER.filter((kind) => kinds.has(kind)),
      injuryCount: injuries.length,
      photoCount: photos.length,
      happeningNow: ordered.some(({ report }) => report.happeningNow),
    },
    timeline,
    events: ordered.map(({ report, from }) => ({
      ...from,
      when: report.when,
      place: report.where,
      kinds: report.kinds,
      happeningNow: report.happeningNow,
    })),
    photos,
    accounts: ordered.flatMap(({ report, from }) =>
      report.account?.trim() ? [{ ...from, account: report.account.trim() }] : [],
    ),
    sources: ordered.map(({ meta, report, from, namesWithheld }) => ({
      ...from,
      receivedAt: meta.received_at,
      sha256: meta.sha256,
      deviceTime: report.deviceTime,
      reporterRole: report.reporter.role,
      consent: report.consent,
      namesWithheld: namesWithheld === true,
    })),
    missing: input.reportIds.filter((id) => !byId.has(id)),
  };
}

export type Addressee = "prosecutor" | "un";

/**
 * Only the reports whose reporter consented to share with `addressee` (an appeal is built from
 * these); for the UN, the names of a report whose reporter did not say "yes" to giving them to the
 * Government are taken out (people then read "person 1 of report 2").
 */
export function consenting(input: DossierInput, addressee: Addressee): DossierInput {
  const agreed = (consent: Consent): boolean =>
    addressee === "prosecutor" ? consent.shareWithProsecutor : consent.shareWithUn;
  const opened = input.opened.filter(({ report }) => agreed(report.consent));
  const kept = new Set(opened.map((source) => source.meta.report_id));
  return {
    ...input,
    opened: addressee === "un" ? opened.map(withoutNamesUnlessAgreed) : opened,
    answers: (input.answers ?? []).filter((answer) => kept.has(answer.reportId)),
    transcripts: (input.transcripts ?? []).filter((transcript) => kept.has(transcript.reportId)),
  };
}

/** The report without the names of its people, unless the reporter agreed to their disclosure. */
function withoutNamesUnlessAgreed(source: SourceReport): SourceReport {
  if (source.namesToGovernment === "yes") return source;
  const { report } = source;
  const full = source.full ?? upgradeV1(report);
  return {
    ...source,
    namesWithheld: true,
    full: {
      ...full,
      people: full.people.map((person) => ({ ...person, fullName: null })),
      acts: full.acts.map((act) => (act.type === "harm_to_relative" ? { ...act, who: null } : act)),
    },
    report: {
      ...report,
      victims: report.victims.map((victim) => ({ ...victim, name: null })),
      harmToRelatives: report.harmToRelatives.map((harm) => ({ ...harm, who: null })),
    },
  };
}
