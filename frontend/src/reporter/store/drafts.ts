/**
 * Drafts at rest: each draft is JSON encrypted with AES-GCM under the drafts key (src/reporter/store/lock.ts).
 * Only the draft id is stored in the clear, so a dump of IndexedDB shows how many drafts exist and
 * nothing of what they say. A draft's attachment identity is encrypted apart, beside it (that one
 * exists shows, as the attachments stored for the draft's id already do).
 */
import { readDraft, type ReportDraftV2 } from "../../shared/report/draftV2";
import { deleteAttachment } from "./attachmentPieces";
import { decrypt, type Sealed } from "./aead";
import type { DraftRecord, KuaDb } from "./db";
import { isOwnerSealed } from "./ownerKey";
import type { DraftsLock } from "./lock";

/**
 * Encrypts and stores `draft` (replacing an earlier version of the same id). While locked (a report
 * started on the lock screen) it is sealed to the owner key: the locked app cannot read it back.
 */
export async function saveDraft(db: KuaDb, lock: DraftsLock, draft: ReportDraftV2): Promise<void> {
  await lock.exclusive.run(() => writeDraft(db, lock, draft));
}

/**
 * `saveDraft` for a caller already holding `lock.exclusive`. The attachment identity is encrypted apart
 * from the draft; a draft saved without it keeps the stored one as it is (never opened, so this works
 * locked too): the screens never hold it, and losing it would lose the draft's attachments
 * (src/reporter/store/draftIdentities.ts).
 */
export async function writeDraft(db: KuaDb, lock: DraftsLock, draft: ReportDraftV2): Promise<void> {
  const { attachmentIdentity: identity, ...rest } = draft;
  const plaintext = new TextEncoder().encode(JSON.stringify(rest));
  const secret = identity === undefined ? null : new TextEncoder().encode(identity);
  try {
    const sealed = await lock.sealAtRest(plaintext);
    const sealedIdentity =
      secret === null ? (await db.get("drafts", draft.draftId))?.attachmentIdentity : await lock.sealAtRest(secret);
    await db.put("drafts", {
      draftId: draft.draftId,
      ...sealed,
      ...(sealedIdentity === undefined ? {} : { attachmentIdentity: sealedIdentity }),
    });
  } finally {
    plaintext.fill(0);
    secret?.fill(0);
  }
}

/** A readable record (not sealed to the owner key) as a v2 draft with its attachment identity; `migrated` if v1. */
async function openDraft(
  lock: DraftsLock,
  key: CryptoKey,
  record: DraftRecord & Sealed,
): Promise<{ draft: ReportDraftV2; migrated: boolean }> {
  const stored = JSON.parse(new TextDecoder().decode(await decrypt(key, record))) as { version?: unknown } & Record<
    string,
    unknown
  >;
  const draft = readDraft(stored);
  const migrated = stored["version"] !== draft.version;
  if (record.attachmentIdentity === undefined) return { draft, migrated };
  const identity = await lock.openAtRest(record.attachmentIdentity);
  try {
    return { draft: { ...draft, attachmentIdentity: new TextDecoder().decode(identity) }, migrated };
  } finally {
    identity.fill(0);
  }
}

/**
 * Every draft, decrypted and read as v2, most recently changed first; throws `LockedError` while
 * locked. Drafts the v1 form saved migrate (`readDraft`) and are stored back as v2, once.
 */
export async function listDrafts(db: KuaDb, lock: DraftsLock): Promise<ReportDraftV2[]> {
  const key = lock.draftsKey();
  // Drafts still sealed to the owner key (the last unlock could not adopt them) wait for the next one.
  const records = (await db.getAll("drafts")).filter(
    (record): record is DraftRecord & Sealed => !isOwnerSealed(record),
  );
  const opened = await Promise.all(records.map((record) => openDraft(lock, key, record)));
  for (const { draft, migrated } of opened) if (migrated) await saveDraft(db, lock, draft);
  return opened.map(({ draft }) => draft).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * One stored draft, decrypted, or null: none with this id, or it cannot be read now (locked, or
 * sealed to the owner key by the locked app).
 */
export async function readStoredDraft(db: KuaDb, lock: DraftsLock, draftId: string): Promise<ReportDraftV2 | null> {
  const key = lock.keyIfOpen();
  const record = await db.get("drafts", draftId);
  if (key === null || record === undefined || isOwnerSealed(record)) return null;
  return (await openDraft(lock, key, record)).draft;
}

/** Deletes a draft and the photos sealed for it that no submitted report took over. */
export async function deleteDraft(db: KuaDb, draftId: string): Promise<void> {
  const tx = db.transaction(["drafts", "attachments", "attachmentPieces", "uploads"], "readwrite");
  const attachments = tx.objectStore("attachments");
  const photoIds = await attachments.index("byDraft").getAllKeys(draftId);
  const submitted = await Promise.all(photoIds.map((id) => tx.objectStore("uploads").count(id)));
  await Promise.all([
    tx.objectStore("drafts").delete(draftId),
    ...photoIds.filter((_, i) => submitted[i] === 0).map((id) => deleteAttachment(tx, id)),
    tx.done,
  ]);
}
