/**
 * Recordings cut short (tab closed, phone killed mid-recording): at the next start, once the lock
 * key is open, each leftover recording is finished as if "Done" had been pressed and its ref added
 * to its draft, so what was said is not lost. Follow-up answers ("answer-<questionId>") have no
 * stored draft to put a ref in: their recordings stay as they are (chunks under their own key) until
 * that question's answer box opens, in this page or any later one, and finishes them
 * (`finishAnswerRecordings`).
 */
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import type { VoiceRef } from "../../shared/report/v2";
import type { KuaDb, RecordingRecord } from "../store/db";
import type { AtRest } from "../store/ownerKey";
import { discardRecording, finishRecording, reopenRecording } from "./recordings";

/** Draft ids of follow-up answers, which are not stored drafts. */
export const ANSWER_DRAFT_PREFIX = "answer-";

export interface RecoveryDeps {
  db: KuaDb;
  openAtRest: (secret: AtRest) => Promise<Uint8Array<ArrayBuffer>>;
  /** Who a recording of `draftId` is sealed to (a draft's attachment recipient, an answer's list). */
  recipientsFor: (draftId: string) => Promise<readonly string[]>;
  /** Recordings of this page, still being recorded: never touched. */
  active: ReadonlySet<string>;
  listDrafts: () => Promise<ReportDraftV2[]>;
  saveDraft: (draft: ReportDraftV2) => Promise<void>;
  now: () => Date;
}

/** Finishes every leftover recording of a draft (answers' recordings wait for their answer box). */
export async function recoverRecordings(deps: RecoveryDeps): Promise<void> {
  const leftovers = (await deps.db.getAll("recordings")).filter(
    (record) => !deps.active.has(record.recordingId) && !record.draftId.startsWith(ANSWER_DRAFT_PREFIX),
  );
  if (leftovers.length === 0) return;
  const drafts = new Map((await deps.listDrafts()).map((draft) => [draft.draftId, draft]));
  for (const record of leftovers) {
    const draft = drafts.get(record.draftId);
    if (draft === undefined) {
      await discardRecording(deps.db, record.recordingId);
      continue;
    }
    const finished = await finishLeftover(deps, record);
    if (finished === null) continue;
    const updated = { ...draft, voice: [...draft.voice, finished.ref] };
    drafts.set(draft.draftId, updated);
    await deps.saveDraft(updated);
  }
}

/** Seals what a leftover recording stored (to its draft's recipients); its audio is zeroed, its ref kept. */
async function finishLeftover(
  deps: Pick<RecoveryDeps, "db" | "openAtRest" | "recipientsFor" | "now">,
  record: RecordingRecord,
): Promise<{ ref: VoiceRef } | null> {
  const recording = await reopenRecording(record, deps.openAtRest);
  const recipients = await deps.recipientsFor(record.draftId);
  const finished = await finishRecording(deps.db, recipients, recording, record.activeMs, deps.now());
  finished?.audio.fill(0);
  return finished;
}

/** Finishes the leftover recordings of one answer box (`draftId` "answer-<questionId>"); returns their refs. */
export async function finishAnswerRecordings(
  deps: Pick<RecoveryDeps, "db" | "openAtRest" | "recipientsFor" | "active" | "now">,
  draftId: string,
): Promise<VoiceRef[]> {
  const leftovers = (await deps.db.getAll("recordings")).filter(
    (record) => record.draftId === draftId && !deps.active.has(record.recordingId),
  );
  const refs: VoiceRef[] = [];
  for (const record of leftovers) {
    const finished = await finishLeftover(deps, record);
    if (finished === null) continue;
    refs.push(finished.ref);
  }
  return refs;
}
