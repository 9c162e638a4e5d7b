/**
 * Voice recordings at rest, sealed as they are recorded: each recording has a fresh random AES-256
 * key, kept only wrapped like a draft (`AtRest`, under the lock key or sealed to the owner key); every
 * 2-second chunk is AES-GCM under it the moment it arrives. No plaintext audio byte is ever written
 * to IndexedDB: plaintext lives in memory only. "Done" turns the chunks into one age file sealed to
 * the draft's attachment recipient, or to the list for an answer's recording (an ordinary attachment
 * of the draft) and deletes them in the same transaction.
 */
import { v7 as uuidv7 } from "uuid";

import { sha256Hex } from "../../shared/crypto/digest";
import type { VoiceRef } from "../../shared/report/v2";
import { decrypt, encrypt, importKey } from "../store/aead";
import type { KuaDb, RecordingRecord } from "../store/db";
import type { AtRest } from "../store/ownerKey";
import { attachmentRecord } from "../outbox/attachmentRecord";
import { isoWithOffset } from "../outbox/deviceTime";
import { signAttachment } from "../outbox/provenance";
import { sealTo } from "../outbox/seal";

/** A recording whose key is in memory: what chunks are encrypted with and what finishing opens. */
export interface OpenRecording {
  recordingId: string;
  draftId: string;
  field: string;
  mime: string;
  /** ISO 8601 with offset: the ref's `capturedAt`. */
  startedAt: string;
  key: CryptoKey;
}

/** A finished recording: the draft's ref and the plaintext, for playback in this page only. */
export interface FinishedVoice {
  ref: VoiceRef;
  audio: Uint8Array<ArrayBuffer>;
}

type SealAtRest = (plaintext: Uint8Array<ArrayBuffer>) => Promise<AtRest>;

/** Starts a recording: a fresh key, stored only wrapped by `sealAtRest`. */
export async function beginRecording(
  db: KuaDb,
  sealAtRest: SealAtRest,
  target: { draftId: string; field: string; mime: string; startedAt: Date },
): Promise<OpenRecording> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  try {
    const key = await importKey(raw);
    const record: RecordingRecord = {
      recordingId: uuidv7(),
      draftId: target.draftId,
      field: target.field,
      mime: target.mime,
      startedAt: isoWithOffset(target.startedAt),
      activeMs: 0,
      key: await sealAtRest(raw),
    };
    await db.put("recordings", record);
    return { ...record, key };
  } finally {
    raw.fill(0);
  }
}

/** The key of a recording left by an earlier page (killed mid-recording), opened with `openAtRest`. */
export async function reopenRecording(
  record: RecordingRecord,
  openAtRest: (secret: AtRest) => Promise<Uint8Array<ArrayBuffer>>,
): Promise<OpenRecording> {
  const raw = await openAtRest(record.key);
  try {
    return { ...record, key: await importKey(raw) };
  } finally {
    raw.fill(0);
  }
}

/** Encrypts chunk `seq` and stores it with the recorded time so far, in one transaction. */
export async function appendChunk(
  db: KuaDb,
  recording: OpenRecording,
  seq: number,
  plaintext: Uint8Array<ArrayBuffer>,
  activeMs: number,
): Promise<void> {
  const { iv, ciphertext } = await encrypt(recording.key, plaintext);
  plaintext.fill(0);
  const tx = db.transaction(["recordings", "recordingChunks"], "readwrite");
  const record = await tx.objectStore("recordings").get(recording.recordingId);
  if (record === undefined) {
    // Deleted meanwhile ("Delete" pressed while a chunk was on its way): keep nothing.
    await tx.done;
    return;
  }
  await Promise.all([
    tx.objectStore("recordingChunks").put({ recordingId: recording.recordingId, seq, iv, ciphertext }),
    tx.objectStore("recordings").put({ ...record, activeMs: Math.max(record.activeMs, activeMs) }),
    tx.done,
  ]);
}

/** The whole recording so far, decrypted in memory: its chunks concatenated in order. */
export async function readAudio(db: KuaDb, recording: OpenRecording): Promise<Uint8Array<ArrayBuffer>> {
  const chunks = await db.getAll("recordingChunks", chunkRange(recording.recordingId));
  const parts = await Promise.all(chunks.map((chunk) => decrypt(recording.key, chunk)));
  const audio = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    audio.set(part, offset);
    offset += part.length;
    part.fill(0);
  }
  return audio;
}

/**
 * "Done": the recording as ONE age file sealed to `recipients` (one header, not one per chunk), signed, stored as an attachment of its draft; the recording and its chunks are deleted in
 * the same transaction. Returns null for a recording with no sound at all (it is deleted).
 */
export async function finishRecording(
  db: KuaDb,
  recipients: readonly string[],
  recording: OpenRecording,
  durationMs: number,
  now: Date,
): Promise<FinishedVoice | null> {
  const audio = await readAudio(db, recording);
  if (audio.length === 0) {
    await discardRecording(db, recording.recordingId);
    return null;
  }
  const attachmentId = uuidv7();
  const sha256 = await sha256Hex(audio);
  const signature = await signAttachment(
    db,
    { attachmentId, kind: "voice", sha256, capturedAt: recording.startedAt, fileTime: null },
    now,
  );
  const ciphertext = await sealTo(audio, recipients);
  const record = await attachmentRecord(attachmentId, recording.draftId, ciphertext, now.getTime());
  // No await but IndexedDB's inside the transaction: it would close under us.
  const tx = db.transaction(["attachments", "recordings", "recordingChunks"], "readwrite");
  await Promise.all([
    tx.objectStore("attachments").put(record),
    tx.objectStore("recordings").delete(recording.recordingId),
    tx.objectStore("recordingChunks").delete(chunkRange(recording.recordingId)),
    tx.done,
  ]);
  const ref: VoiceRef = {
    attachmentId,
    field: recording.field,
    mime: recording.mime,
    durationMs: Math.round(durationMs),
    bytes: audio.length,
    sha256,
    capturedAt: recording.startedAt,
    signature,
  };
  return { ref, audio };
}

/** "Delete" before "Done" (or a recording whose draft is gone): the record and every chunk. */
export async function discardRecording(db: KuaDb, recordingId: string): Promise<void> {
  const tx = db.transaction(["recordings", "recordingChunks"], "readwrite");
  await Promise.all([
    tx.objectStore("recordings").delete(recordingId),
    tx.objectStore("recordingChunks").delete(chunkRange(recordingId)),
    tx.done,
  ]);
}

function chunkRange(recordingId: string): IDBKeyRange {
  return IDBKeyRange.bound([recordingId, -Infinity], [recordingId, Infinity]);
}
