/**
 * Test-only: reports as a reporter's phone seals them (src/shared/report/model.ts, padded age files), and
 * the server facts the review API gives about them. Never imported by the console.
 */
import { generateX25519Identity, identityToRecipient } from "age-encryption";

import { seal } from "../../shared/crypto";
import { FORM_VERSION, REPORT_FORMAT, REPORT_VERSION, type Report } from "../../shared/report/model";
import type { ReportMeta } from "../apiTypes";

/** A reviewer's key pair (X25519: fast; post-quantum keys are covered by src/shared/crypto and keys tests). */
export async function reviewerKeys(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** A complete report: a detention in Sortobe, with `changes` laid over it. */
export function sampleReport(changes: Partial<Report> = {}): Report {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    formVersion: FORM_VERSION,
    reportId: crypto.randomUUID(),
    deviceTime: "2026-11-25T06:10:00+05:00",
    language: "ru",
    happeningNow: false,
    reporter: { role: "relative", relationToVictim: "сестра", safeContact: null, reprisalRisk: "yes" },
    consent: { record: true, photograph: true, shareWithProsecutor: true, shareWithUn: false },
    kinds: ["detention"],
    when: { precision: "exact", value: "2026-11-25T06:00" },
    where: { village: "sortobe", other: null, placeType: "home", gps: null },
    account: "Забрали брата из дома в 6 утра, документов не показали.",
    victims: [{ id: "v1", name: "Хасан", age: 34, sex: "male", relationToReporter: "брат", health: null }],
    perpetrators: {
      agency: "Полиция",
      unit: "Кордайский РОВД",
      count: 6,
      clothing: "both",
      vehicles: null,
      namesOrDescriptions: null,
    },
    detention: {
      when: { precision: "exact", value: "2026-11-25T06:00" },
      takenTo: "Кордайский РОВД",
      paperwork: {
        detentionRecord: "no",
        warrant: "no",
        inventory: "unknown",
        familyNotified: "yes",
        chargesTold: "no",
        lawyerAllowed: "unknown",
      },
      releasedAt: null,
      whereaboutsUnknown: false,
    },
    search: null,
    interrogation: null,
    torture: null,
    injuries: [],
    medical: null,
    harmToRelatives: [],
    otherPhotos: [],
    ...changes,
  };
}

/** The report sealed as a phone seals it: JSON, Padmé-padded, age to `recipients`. */
export async function sealReport(report: Report, recipients: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await seal(new TextEncoder().encode(JSON.stringify(report)), recipients));
}

/** What the review API says about a report received at `receivedAt`. */
export function reportMeta(reportId: string, receivedAt: string, changes: Partial<ReportMeta> = {}): ReportMeta {
  return {
    report_id: reportId,
    received_at: receivedAt,
    size: 1024,
    sha256: "0".repeat(64),
    attachments: [],
    status: "new",
    duplicate_of: null,
    priority: "normal",
    assignee_id: null,
    labels: [],
    case_id: null,
    updated_at: receivedAt,
    followups: { questions: 0, answers: 0, last_answer_at: null },
    ...changes,
  };
}
