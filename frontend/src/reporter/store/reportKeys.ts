/**
 * A report's own keys at rest: the reporter token (proves to the server that this phone sent the
 * report) and the reply identity (opens the reviewers' follow-up questions), as JSON encrypted with
 * AES-GCM under the lock key (src/reporter/store/lock.ts), like drafts. Without a PIN the lock key sits in
 * IndexedDB beside them; with a PIN they open only after it is entered. Never stored in the clear.
 */
import { decrypt } from "./aead";
import type { KuaDb, ReportKeysRecord } from "./db";
import { LockedError } from "./lock";
import type { AdditionBasis } from "../outbox/addition";
import type { ReportLabel } from "../outbox/label";
import { isOwnerSealed, type AtRest } from "./ownerKey";

/** The secrets of one report, as held in memory. */
export interface ReportKeys {
  /** 32 random bytes, base64url without padding (43 characters). */
  reporterToken: string;
  /** The X25519 age identity ("AGE-SECRET-KEY-1...") whose recipient is the report's `reply`. */
  replyIdentity: string;
  /** What the owner sees of the report after the PIN (src/reporter/outbox/label.ts); absent before labels existed. */
  label?: ReportLabel;
  /** What "Add details" prefills a new report with (src/reporter/outbox/addition.ts); absent before additions existed. */
  addition?: AdditionBasis;
}

/** How the keys are kept at rest: under the lock key, or sealed to the owner key while locked (src/reporter/store/lock.ts). */
export type SealAtRest = (plaintext: Uint8Array<ArrayBuffer>) => Promise<AtRest>;

/** Encrypts `keys` with `sealAtRest`, ready to be put in the `reportKeys` store. */
export async function sealReportKeys(
  sealAtRest: SealAtRest,
  reportId: string,
  keys: ReportKeys,
): Promise<ReportKeysRecord> {
  const plaintext = new TextEncoder().encode(JSON.stringify(keys));
  try {
    return { reportId, ...(await sealAtRest(plaintext)) };
  } finally {
    plaintext.fill(0);
  }
}

/** Decrypts one record; rejects under a wrong key, or while it is still sealed to the owner key. */
export async function openReportKeys(key: CryptoKey, record: ReportKeysRecord): Promise<ReportKeys> {
  if (isOwnerSealed(record)) throw new LockedError("These report keys open at the next unlock.");
  const plaintext = await decrypt(key, record);
  try {
    return JSON.parse(new TextDecoder().decode(plaintext)) as ReportKeys;
  } finally {
    plaintext.fill(0);
  }
}

/** The keys of every report that has some, by report id (older reports have none). */
export async function readAllReportKeys(db: KuaDb, key: CryptoKey): Promise<Map<string, ReportKeys>> {
  const records = (await db.getAll("reportKeys")).filter((record) => !isOwnerSealed(record));
  const opened = await Promise.all(
    records.map(async (record) => [record.reportId, await openReportKeys(key, record)] as const),
  );
  return new Map(opened);
}

/** The keys of one report, or null when it has none. */
export async function readReportKeys(db: KuaDb, key: CryptoKey, reportId: string): Promise<ReportKeys | null> {
  const record = await db.get("reportKeys", reportId);
  return record === undefined ? null : openReportKeys(key, record);
}
