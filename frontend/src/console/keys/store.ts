/**
 * The console's IndexedDB database `kua-review` (docs/review.md, "Keys"): each reviewer's identity
 * sealed with their passphrase (never in the clear), the recipient list high-water mark, and the
 * interface language. Nothing else of a report is ever stored in the browser.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

export const REVIEW_DB_NAME = "kua-review";
const DB_VERSION = 1;

/** A reviewer's identity, sealed (age scrypt) with the passphrase only they know. */
export interface StoredIdentity {
  reviewerId: string;
  recipient: string;
  /** The age file: an identity file sealed with the passphrase (the backup is these bytes). */
  sealed: Uint8Array<ArrayBuffer>;
  createdAt: string;
}

/** The newest verified recipient list: its seq is the rollback guard for sealing notes. */
export interface RecipientListMark {
  seq: number;
  text: string;
}

export interface ReviewSettings {
  recipientList: RecipientListMark;
  language: string;
}

export interface ReviewSchema extends DBSchema {
  identities: { key: string; value: StoredIdentity };
  settings: { key: keyof ReviewSettings; value: ReviewSettings[keyof ReviewSettings] };
}

export type ReviewDb = IDBPDatabase<ReviewSchema>;

export async function openReviewDb(): Promise<ReviewDb> {
  const db = await openDB<ReviewSchema>(REVIEW_DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore("identities", { keyPath: "reviewerId" });
      database.createObjectStore("settings");
    },
    blocking() {
      db.close();
    },
  });
  return db;
}

export async function loadIdentity(db: ReviewDb, reviewerId: string): Promise<StoredIdentity | null> {
  return (await db.get("identities", reviewerId)) ?? null;
}

export async function saveIdentity(db: ReviewDb, record: StoredIdentity): Promise<void> {
  await db.put("identities", record);
}

export async function getReviewSetting<K extends keyof ReviewSettings>(
  db: ReviewDb,
  key: K,
): Promise<ReviewSettings[K] | undefined> {
  return (await db.get("settings", key)) as ReviewSettings[K] | undefined;
}

export async function putReviewSetting<K extends keyof ReviewSettings>(
  db: ReviewDb,
  key: K,
  value: ReviewSettings[K],
): Promise<void> {
  await db.put("settings", value, key);
}
