/**
 * Gathering a bundle's content in the browser: the reports of a case or of the whole archive (the
 * queue's own loading and opening, so reports not yet loaded are fetched like any other), their
 * follow-up questions and the family's answers, the attachments of both (photos, documents' pages
 * and PDFs, voice) decrypted and hash-checked, the cases, the notes and the saved drafts opened.
 * A report, answer, photo, note or draft that cannot be had is listed with its problem, never dropped.
 */
import { ApiError, type ReviewApi } from "../api";
import type { Reviewer } from "../apiTypes";
import type { CaseBook } from "../cases/book";
import { reviewerName } from "../context";
import type { KeyRing } from "../keys/keyring";
import type { QueueEntry } from "../queue/entries";
import { runPool } from "../queue/pool";
import type { QueueStore, QueueView } from "../queue/store";
import { openText } from "../sealed/text";
import { open } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import { draftsOf } from "./drafts";
import { followupsOf } from "./followups";
import type {
  ExportCase,
  ExportDraft,
  ExportedPhoto,
  ExportedReport,
  ExportFollowup,
  ExportNote,
  ExportScope,
} from "./manifest";
import { openableAttachment } from "../grants/grants";

const CONCURRENCY = 4;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A bundle that cannot be made, with a stable code the panel translates (`export.problems.<code>`). */
export class ExportProblem extends Error {
  override readonly name = "ExportProblem";
  constructor(readonly code: "case_not_found" | "queue_failed") {
    super(`The export cannot be made (${code}).`);
  }
}

export interface ExportSources {
  api: Pick<
    ReviewApi,
    | "attachmentCiphertext"
    | "attachmentGrants"
    | "notes"
    | "followups"
    | "followupCiphertext"
    | "caseDrafts"
    | "reportGrants"
  >;
  keyring: Pick<KeyRing, "identity" | "identitiesFor">;
  queue: Pick<QueueStore, "load" | "loadMore" | "view" | "subscribe" | "ensure">;
  cases: Pick<CaseBook, "load" | "list">;
  reviewers: ReadonlyMap<string, Reviewer>;
}

export type ExportPhase = "reports" | "followups" | "photos" | "notes" | "drafts" | "sealing";

export interface ExportProgress {
  phase: ExportPhase;
  done: number;
  total: number;
}

export interface Gathered {
  case: { case_id: string; title: string | null } | null;
  reports: ExportedReport[];
  photos: ExportedPhoto[];
  cases: ExportCase[];
  notes: ExportNote[];
  followups: ExportFollowup[];
  drafts: ExportDraft[];
}

const STALL_MS = 10_000;

/** Resolves at the queue's next change, or with null after `ms` without one. */
function nextView(queue: ExportSources["queue"], ms: number): Promise<QueueView | null> {
  return new Promise((resolve) => {
    let first = true;
    const timer = setTimeout(() => {
      stop();
      resolve(null);
    }, ms);
    const stop = queue.subscribe((view) => {
      if (first) return void (first = false);
      clearTimeout(timer);
      stop();
      resolve(view);
    });
  });
}

/**
 * Every page of the queue loaded. `load` goes through all pages, but returns at once when the queue
 * screen's own `load` is still going: then its progress is awaited, not raced (two loaders would
 * ask for the same pages). Only a queue that stalls with pages left is pushed on with `loadMore`.
 */
async function wholeQueue(queue: ExportSources["queue"]): Promise<readonly QueueEntry[]> {
  await queue.load();
  for (;;) {
    const view = queue.view();
    if (view.failure !== null) throw new ExportProblem("queue_failed");
    if (!view.loading && !view.more) return view.entries;
    const next = await nextView(queue, STALL_MS);
    if (next === null && !queue.view().loading && queue.view().more) await queue.loadMore();
  }
}

/** An attachment to export and the SHA-256 its plaintext must have (a photo's `sealedSha256`, a file's `sha256`). */
interface WantedAttachment {
  attachmentId: string;
  sealedSha256: string;
  reportId: string;
  /** For an answer's attachment: the answer, whose server never lists it (a 404 then means "not received"). */
  answerId?: string;
  /** For a report's: whether the server's facts say its upload completed. */
  received?: boolean;
  /** For a report's: the relative withdrew it (an original whose small copy stands for it). */
  withdrawn?: boolean;
}

/** Each attachment a report names: photos, documents' pages and PDFs, voice recordings. */
function attachmentsOf(entry: ExportedReport): WantedAttachment[] {
  const report = entry.report;
  if (report === null) return [];
  const media = "documents" in report ? report : { documents: [], voice: [] };
  const photos = [
    ...report.injuries.flatMap((injury) => injury.photos),
    ...report.otherPhotos,
    ...media.documents.flatMap((document) => document.pages),
  ];
  const refs: Pick<WantedAttachment, "attachmentId" | "sealedSha256">[] = [
    ...photos.map((photo) => ({ attachmentId: photo.attachmentId, sealedSha256: photo.sealedSha256 })),
    ...media.documents.flatMap((document) =>
      document.pdf ? [{ attachmentId: document.pdf.attachmentId, sealedSha256: document.pdf.sha256 }] : [],
    ),
    ...media.voice.map((voice) => ({ attachmentId: voice.attachmentId, sealedSha256: voice.sha256 })),
  ];
  const reportId = entry.meta.report_id;
  return refs.map((ref) => ({
    ...ref,
    reportId,
    received: entry.meta.attachments.some((a) => a.attachment_id === ref.attachmentId && a.received),
    withdrawn: entry.meta.attachments.some((a) => a.attachment_id === ref.attachmentId && a.withdrawn),
  }));
}

/** Each attachment the family's answers name, with the answer that named it. */
function answerAttachmentsOf(followups: readonly ExportFollowup[]): WantedAttachment[] {
  return followups.flatMap((question) =>
    question.answers.flatMap((answer) =>
      answer.media.map((media) => ({
        attachmentId: media.attachment_id,
        sealedSha256: media.sha256,
        reportId: question.report_id,
        answerId: answer.answer_id,
      })),
    ),
  );
}

/** Each attachment once (the first to name it keeps it): a bundle never holds one file twice. */
function once(refs: readonly WantedAttachment[]): WantedAttachment[] {
  const seen = new Set<string>();
  return refs.filter((ref) => !seen.has(ref.attachmentId) && Boolean(seen.add(ref.attachmentId)));
}

async function fetchPhoto(sources: ExportSources, ref: WantedAttachment): Promise<ExportedPhoto> {
  const base = {
    attachmentId: ref.attachmentId,
    reportId: ref.reportId,
    ...(ref.answerId === undefined ? {} : { answerId: ref.answerId }),
    sealedSha256: ref.sealedSha256,
    bytes: null,
    sha256: null,
  };
  if (!UUID.test(ref.attachmentId)) return { ...base, problem: "invalid_id" };
  if (ref.withdrawn === true) return { ...base, problem: "withdrawn" };
  if (ref.received === false) return { ...base, problem: "not_received" };
  let ciphertext: Uint8Array;
  try {
    ciphertext = await openableAttachment(
      sources.api,
      sources.keyring.identitiesFor(ref.attachmentId),
      ref.attachmentId,
    );
  } catch (error) {
    // An answer's attachment the server does not hold: the phone has not uploaded it (yet).
    if (ref.answerId !== undefined && error instanceof ApiError && error.status === 404)
      return { ...base, problem: "not_received" };
    return { ...base, problem: error instanceof ApiError ? "fetch_failed" : "cannot_open" };
  }
  try {
    const bytes = new Uint8Array(await open(ciphertext, sources.keyring.identitiesFor(ref.attachmentId)));
    const sha256 = await sha256Hex(bytes);
    return { ...base, bytes, sha256, problem: sha256 === ref.sealedSha256.toLowerCase() ? null : "hash_mismatch" };
  } catch {
    return { ...base, problem: "cannot_open" };
  }
}

async function notesOf(sources: ExportSources, reportId: string): Promise<ExportNote[]> {
  const none = { report_id: reportId, note_id: null, author_id: null, author_name: null, created_at: null, text: null };
  let notes;
  try {
    notes = await sources.api.notes(reportId);
  } catch {
    return [{ ...none, problem: "fetch_failed" }];
  }
  return Promise.all(
    notes.map(async (note): Promise<ExportNote> => {
      const opened = { ...none, note_id: note.note_id, author_id: note.author_id, created_at: note.created_at };
      const author_name = reviewerName(sources.reviewers, note.author_id);
      try {
        return {
          ...opened,
          author_name,
          text: await openText(note.ciphertext, sources.keyring.identity()),
          problem: null,
        };
      } catch {
        return { ...opened, author_name, problem: "cannot_open" };
      }
    }),
  );
}

/**
 * The report as sealed, less its attachment identity (docs/crypto.md, "One recipient per report"): the
 * bundle holds the attachments' plaintext already and must not hold a key to the server's ciphertext.
 */
function withoutAttachmentIdentity<T extends object>(report: T | null): T | null {
  if (report === null || !("attachmentIdentity" in report)) return report;
  const { attachmentIdentity: _identity, ...rest } = report;
  return rest as T;
}

/** Runs `task` on each item (a few at a time), reporting progress; results keep the items' order. */
async function each<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  progress: (done: number) => void,
): Promise<R[]> {
  const results: R[] = [];
  const failures: unknown[] = [];
  let done = 0;
  await runPool(
    items.map((item, index) => ({ item, index })),
    CONCURRENCY,
    async ({ item, index }) => {
      try {
        results[index] = await task(item);
      } catch (error) {
        failures.push(error);
      }
      progress(++done);
    },
  );
  if (failures.length > 0) throw failures[0];
  return results;
}

/** Everything a bundle of `scope` holds, opened with the unlocked key. */
export async function gatherExport(
  sources: ExportSources,
  request: { scope: ExportScope; caseId?: string },
  onProgress: (progress: ExportProgress) => void = () => undefined,
): Promise<Gathered> {
  sources.keyring.identity(); // throws LockedError at once if the key is locked
  await sources.cases.load();
  const cases: ExportCase[] = sources.cases.list().map(({ case: item, title }) => ({
    case_id: item.case_id,
    title,
    created_at: item.created_at,
    created_by: item.created_by,
    report_ids: item.report_ids,
  }));
  let reportIds: string[];
  let chosen: ExportCase | null = null;
  if (request.scope === "case") {
    chosen = cases.find((item) => item.case_id === request.caseId) ?? null;
    if (chosen === null) throw new ExportProblem("case_not_found");
    reportIds = chosen.report_ids;
  } else {
    reportIds = (await wholeQueue(sources.queue)).map((entry) => entry.meta.report_id);
  }

  const progress = (phase: ExportPhase, total: number) => (done: number) => onProgress({ phase, done, total });
  onProgress({ phase: "reports", done: 0, total: reportIds.length });
  const reports = await each(
    reportIds,
    async (reportId): Promise<ExportedReport> => {
      // A report the server cannot hand over now stops the export: a bundle never silently lacks one.
      const entry = await sources.queue.ensure(reportId).catch(() => Promise.reject(new ExportProblem("queue_failed")));
      return {
        meta: entry.meta,
        report: withoutAttachmentIdentity(entry.sealed),
        problem: entry.sealed === null ? (entry.problem ?? "cannot_open") : null,
      };
    },
    progress("reports", reportIds.length),
  );

  onProgress({ phase: "followups", done: 0, total: reportIds.length });
  const followups = (
    await each(reportIds, (id) => followupsOf(sources, id), progress("followups", reportIds.length))
  ).flat();

  const wanted = once([...reports.flatMap(attachmentsOf), ...answerAttachmentsOf(followups)]);
  onProgress({ phase: "photos", done: 0, total: wanted.length });
  const photos = await each(wanted, (ref) => fetchPhoto(sources, ref), progress("photos", wanted.length));

  onProgress({ phase: "notes", done: 0, total: reportIds.length });
  const notes = (await each(reportIds, (id) => notesOf(sources, id), progress("notes", reportIds.length))).flat();

  const exported = chosen ? [chosen] : cases;
  onProgress({ phase: "drafts", done: 0, total: exported.length });
  const drafts = (
    await each(exported, (item) => draftsOf(sources, item.case_id), progress("drafts", exported.length))
  ).flat();

  return {
    case: chosen && { case_id: chosen.case_id, title: chosen.title },
    reports,
    photos,
    cases: exported,
    notes,
    followups,
    drafts,
  };
}
