/**
 * The phone's IndexedDB database "kua": everything the reporter app keeps between visits.
 *
 * Nothing here is plaintext that matters: drafts and each report's keys are AES-GCM ciphertext
 * under the lock key (src/reporter/store/drafts.ts, src/reporter/store/reportKeys.ts), reports, photos and answers
 * are age ciphertext sealed to the recipient list. Binary content is stored as bytes, never Blobs
 * (WebKit's private tabs refuse them: ./storedBytes.ts) nor base64; records of earlier versions may hold Blobs. After a report is sent, only its receipt (and its keys, for follow-up questions) stays.
 * Stores: drafts, attachments (sealed photos and files), attachmentPieces (their age files in 1 MiB
 * pieces), uploads (their tus state), outbox, receipts, reportKeys (reporter token and reply identity per report), answers (sealed answers to
 * follow-up questions, then their receipts), recordings and recordingChunks (voice being recorded,
 * AES-GCM under each recording's own key), settings.
 *
 * Versions: 1 the first stores; 2 adds reportKeys and answers (receipts of version 1 stay: they
 * have no keys, so they show "sent" without a status); 3 adds recordings and recordingChunks (voice
 * being recorded, AES-GCM under each recording's own key: src/reporter/voice/recordings.ts); 4 adds
 * attachmentPieces (a sealed attachment in 1 MiB pieces of bytes, written as it is sealed:
 * src/reporter/outbox/sealedPieces.ts); attachments of version 3 keep their ciphertext Blob and
 * still upload.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

import type { DeviceKeySetting } from "./deviceKey";
import type { DuressSlot } from "./duress";
import type { AtRest, OwnerKeySetting } from "./ownerKey";
import type { StoredBytes } from "./storedBytes";

/** The database name; src/reporter/safety/wipe.ts deletes it by this name. */
export const DB_NAME = "kua";
const DB_VERSION = 4;

/**
 * A draft, AES-GCM encrypted (or, written while locked, sealed to the owner key until the PIN is
 * entered: src/reporter/store/ownerKey.ts): only its id is readable without the PIN. Its attachment
 * identity is encrypted apart (`attachmentIdentity`), so a save that lacks it, even while locked,
 * carries the stored one over without opening it (src/reporter/store/drafts.ts).
 */
export type DraftRecord = { draftId: string; attachmentIdentity?: AtRest } & AtRest;

/**
 * A sealed photo, document or recording: written once when it is attached, deleted once its upload
 * completes (or its draft is deleted). Never rewritten, so upload progress does not copy it again.
 * The age file (the Padmé-padded file sealed to the recipient list) is either whole in `ciphertext`
 * (voice; a Blob in records written before version 4) or `pieces` records in the attachmentPieces store.
 */
export interface AttachmentRecord {
  attachmentId: string;
  draftId: string;
  /** The whole age file; absent when it is stored in pieces. */
  ciphertext?: StoredBytes;
  /** How many attachmentPieces records hold the age file (seq 0 .. pieces - 1), when stored so. */
  pieces?: number;
  bytes: number;
  /** SHA-256 of the ciphertext, lowercase hex: the tus `sha256` metadata. */
  sha256: string;
  createdAt: number;
}

/**
 * One piece of a sealed attachment (1 MiB, the last one shorter): bytes, not a Blob, because WebKit's
 * private tabs refuse Blobs in IndexedDB. Ciphertext only.
 */
export interface AttachmentPieceRecord {
  attachmentId: string;
  seq: number;
  ciphertext: Uint8Array<ArrayBuffer>;
}

/** The upload of a submitted report's photo (tus); its existence marks the photo as submitted. */
export interface UploadRecord {
  attachmentId: string;
  reportId: string;
  /** The tus upload URL once created, so a later drain resumes instead of starting over. */
  uploadUrl: string | null;
  /** Bytes the server durably acknowledged (tus offset). */
  sentBytes: number;
}

/** The attachments a report declared, with their sizes (kept for progress once records are gone). */
export interface DeclaredAttachment {
  attachmentId: string;
  bytes: number;
  /** What it is, for the outbox screen (src/reporter/outbox/views.ts); absent in records queued before roles. */
  role?: AttachmentRole;
  /** The relative stopped this original before it was sent whole (the small copy went instead). */
  stopped?: true;
  /** Stopped, and the server not yet told (src/reporter/sync/withdrawals.ts); outbox items only. */
  withdrawalPending?: true;
}

/** A photo with no small copy, a photo's small copy (sent first) or its original, a recording, a PDF. */
export type AttachmentRole = "photo" | "preview" | "original" | "voice" | "document";

/** A sealed report in the outbox: the ciphertext until its receipt checks out, then the attachments. */
export interface OutboxRecord {
  reportId: string;
  sealedAt: number;
  happeningNow: boolean;
  /** The age file; null once a matching receipt arrived (attachments may still be uploading). */
  ciphertext: StoredBytes | null;
  /** SHA-256 of the ciphertext, lowercase hex: what the receipt must repeat. */
  sha256: string;
  bytes: number;
  attachments: DeclaredAttachment[];
  attempts: number;
  nextAttemptAt: number | null;
  /** Stable code of the last failure ("offline", "server", "refused"), or null. */
  lastError: string | null;
  /**
   * Lowercase hex SHA-256 of the report's reporter token (`Kua-Reporter-Token-Sha256`): the digest
   * only, so the PUT can go while the lock is closed. Absent in records of version 1.
   */
  tokenSha256?: string;
  /**
   * The report's plaintext JSON at rest (under the lock key, or sealed to the owner key), kept until
   * the receipt so a report not yet tried can be re-sealed to a newer list whose reviewers differ
   * (src/reporter/outbox/reseal.ts). Absent in records sealed before re-sealing existed.
   */
  plaintextAtRest?: AtRest;
  /** The list the ciphertext is sealed to: its seq and the digest of its recipients. */
  sealedTo?: SealedTo;
  /** When the drain first began a PUT of this report: from then on the bytes may be on the server. */
  putStartedAt?: number;
}

/** Which recipient list an outbox item is sealed to (src/reporter/outbox/reseal.ts). */
export interface SealedTo {
  seq: number;
  /** Lowercase hex SHA-256 of the sorted recipients, one per line. */
  recipientsSha256: string;
}

/** What stays on the phone after sending: proof that the server stored the report. */
export interface ReceiptRecord {
  reportId: string;
  sealedAt: number;
  receivedAt: number;
  sha256: string;
  happeningNow: boolean;
  attachments: DeclaredAttachment[];
}

/**
 * A report's own keys, AES-GCM encrypted under the lock key (or sealed to the owner key when the report
 * was sent from the lock screen, until the PIN) (src/reporter/store/reportKeys.ts): the reporter
 * token that proves the phone sent the report, and the reply identity that opens its follow-up
 * questions. Written when the report is sealed; kept as long as its receipt.
 */
export type ReportKeysRecord = { reportId: string } & AtRest;

/**
 * An answer to a follow-up question: the sealed answer until a receipt whose SHA-256 matches comes
 * back, then only the receipt (so the screen can say "answer sent"). The answer text is sealed to
 * the recipient list before it is stored; only ids and times are readable.
 */
export interface AnswerRecord {
  answerId: string;
  reportId: string;
  questionId: string;
  writtenAt: number;
  /** The age file; null once its receipt checked out. */
  ciphertext: StoredBytes | null;
  sha256: string;
  bytes: number;
  receivedAt: number | null;
  attempts: number;
  nextAttemptAt: number | null;
  /** Stable code of the last failure ("offline", "server", "refused", "locked"), or null. */
  lastError: string | null;
  /**
   * Photos, voice and documents the answer declares (src/reporter/outbox/answerMedia.ts), uploaded after
   * its receipt; absent in answers queued before media v1.
   */
  attachments?: DeclaredAttachment[];
}

/**
 * A voice recording under way (or cut short by a killed page): its chunks are AES-GCM under a key of
 * its own, kept here only wrapped like a draft (`AtRest`). Gone once sealed into an attachment.
 */
export interface RecordingRecord {
  recordingId: string;
  draftId: string;
  field: string;
  mime: string;
  /** The phone's clock when recording started (ISO 8601 with offset). */
  startedAt: string;
  /** Recorded time so far, pauses left out. */
  activeMs: number;
  /** The recording's AES-256 key (32 raw bytes), wrapped under the lock key or to the owner key. */
  key: AtRest;
}

/** One 2-second chunk of a recording, AES-GCM under the recording's key: never plaintext audio. */
export interface RecordingChunkRecord {
  recordingId: string;
  seq: number;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

/** The stored recipient list: the newest verified one, and the highest seq ever accepted. */
export interface RecipientListSetting {
  seq: number;
  text: string;
  /** The server's ETag for `text`, sent back as `If-None-Match` (src/reporter/recipients/current.ts). */
  etag?: string;
}

/** How drafts are keyed: a random device key, or a key derived from the reporter's PIN. */
export type LockSetting =
  | { mode: "device"; key: CryptoKey }
  | { mode: "pin"; salt: Uint8Array<ArrayBuffer>; verifierIv: Uint8Array<ArrayBuffer>; verifier: ArrayBuffer };

/** Every settings key and the type of its value. */
export interface Settings {
  recipientList: RecipientListSetting;
  lock: LockSetting;
  language: string;
  /** Seconds the app may stay hidden before it locks itself (with a PIN set). */
  autoLockSeconds: number;
  /** With a PIN: the key the locked app seals to (src/reporter/store/ownerKey.ts). */
  ownerKey: OwnerKeySetting;
  /** Always present: random bytes, or the duress PIN's salt and verifier (src/reporter/store/duress.ts). */
  duress: DuressSlot;
  /** The provenance key that signs attachments (src/reporter/store/deviceKey.ts); made on first use. */
  deviceKey: DeviceKeySetting;
}

/** The schema of the "kua" database, as `idb` types it. */
export interface KuaSchema extends DBSchema {
  drafts: { key: string; value: DraftRecord };
  attachments: { key: string; value: AttachmentRecord; indexes: { byDraft: string } };
  attachmentPieces: { key: [string, number]; value: AttachmentPieceRecord };
  uploads: { key: string; value: UploadRecord; indexes: { byReport: string } };
  outbox: { key: string; value: OutboxRecord };
  receipts: { key: string; value: ReceiptRecord };
  reportKeys: { key: string; value: ReportKeysRecord };
  answers: { key: string; value: AnswerRecord; indexes: { byReport: string } };
  settings: { key: keyof Settings; value: Settings[keyof Settings] };
  recordings: { key: string; value: RecordingRecord };
  recordingChunks: { key: [string, number]; value: RecordingChunkRecord };
}

/** An open "kua" database. */
export type KuaDb = IDBPDatabase<KuaSchema>;

/** Opens (creating or upgrading) the database; closes itself when another tab wants to delete it. */
export async function openKuaDb(): Promise<KuaDb> {
  const db = await openDB<KuaSchema>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore("drafts", { keyPath: "draftId" });
        const attachments = database.createObjectStore("attachments", { keyPath: "attachmentId" });
        attachments.createIndex("byDraft", "draftId");
        const uploads = database.createObjectStore("uploads", { keyPath: "attachmentId" });
        uploads.createIndex("byReport", "reportId");
        database.createObjectStore("outbox", { keyPath: "reportId" });
        database.createObjectStore("receipts", { keyPath: "reportId" });
        database.createObjectStore("settings");
      }
      if (oldVersion < 2) {
        database.createObjectStore("reportKeys", { keyPath: "reportId" });
        database.createObjectStore("answers", { keyPath: "answerId" }).createIndex("byReport", "reportId");
      }
      if (oldVersion < 3) {
        database.createObjectStore("recordings", { keyPath: "recordingId" });
        database.createObjectStore("recordingChunks", { keyPath: ["recordingId", "seq"] });
      }
      if (oldVersion < 4) {
        database.createObjectStore("attachmentPieces", { keyPath: ["attachmentId", "seq"] });
      }
    },
    // A wipe in another tab must not be blocked by this connection.
    blocking() {
      db.close();
    },
  });
  return db;
}

/** Reads one setting, typed by its key. */
export async function getSetting<K extends keyof Settings>(db: KuaDb, key: K): Promise<Settings[K] | undefined> {
  return (await db.get("settings", key)) as Settings[K] | undefined;
}

/** Writes one setting. */
export async function putSetting<K extends keyof Settings>(db: KuaDb, key: K, value: Settings[K]): Promise<void> {
  await db.put("settings", value, key);
}
