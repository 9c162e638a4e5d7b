/**
 * Re-sealing queued reports to a newer recipient list. Send seals to the list the phone holds, without
 * waiting for the server's (src/reporter/recipients/current.ts); when a newer verified list names other
 * reviewers, reports not yet tried are sealed again to it, so a reviewer added since can read them and
 * one removed cannot. A report whose PUT has begun keeps its bytes: the server may already hold them
 * under its id (and would refuse other bytes), and the coalition's grants cover it.
 *
 * Re-sealing needs the report's plaintext: Send keeps a copy at rest in the outbox record (under the
 * lock key, or sealed to the owner key from the lock screen), deleted with the ciphertext when the
 * receipt arrives (src/reporter/sync/drain.ts). Until then a queued report is as exposed as a draft.
 */
import type { RecipientList } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import type { KuaDb, OutboxRecord, SealedTo } from "../store/db";
import { LockedError } from "../store/lock";
import type { AtRest } from "../store/ownerKey";
import { toStoredBytes } from "../store/storedBytes";
import { sealToList } from "./seal";

/** Which list `list` is, as an outbox item records it: its seq and a digest of its set of recipients. */
export async function sealedToOf(list: RecipientList): Promise<SealedTo> {
  const recipients = [...new Set(list.recipients.map((entry) => entry.recipient))].sort().join("\n");
  return { seq: list.seq, recipientsSha256: await sha256Hex(new TextEncoder().encode(recipients)) };
}

/** Whether `item` may and should be sealed again to the list `to` describes. */
function needsReseal(item: OutboxRecord, to: SealedTo): boolean {
  return (
    item.ciphertext !== null &&
    item.plaintextAtRest !== undefined &&
    item.sealedTo !== undefined &&
    // Not `attempts === 0`: a pass that found no network counts the items after the first as failed
    // without sending them. The mark is set in the transaction that reads the bytes to PUT.
    item.putStartedAt === undefined &&
    item.sealedTo.seq < to.seq &&
    item.sealedTo.recipientsSha256 !== to.recipientsSha256
  );
}

/**
 * Seals every queued report not yet tried again to `list` when its reviewers differ from those it
 * was sealed to; returns how many were re-sealed. Same report id, same reporter token; ciphertext,
 * SHA-256 and size are replaced in one transaction that first checks the drain has not begun a PUT.
 * While locked (the copy opens only with the PIN) nothing changes: the next refresh or unlock retries.
 */
export async function resealQueued(
  db: KuaDb,
  list: RecipientList,
  openAtRest: (record: AtRest) => Promise<Uint8Array<ArrayBuffer>>,
): Promise<number> {
  const to = await sealedToOf(list);
  const due = (await db.getAll("outbox")).filter((item) => needsReseal(item, to));
  let resealed = 0;
  for (const item of due) {
    let plaintext: Uint8Array<ArrayBuffer>;
    try {
      plaintext = await openAtRest(item.plaintextAtRest as AtRest);
    } catch (error) {
      if (error instanceof LockedError) return resealed;
      throw error;
    }
    let ciphertext: Uint8Array<ArrayBuffer>;
    try {
      ciphertext = await sealToList(plaintext, list);
    } finally {
      plaintext.fill(0);
    }
    const sha256 = await sha256Hex(ciphertext);
    const tx = db.transaction("outbox", "readwrite");
    const current = await tx.store.get(item.reportId);
    // The drain may have begun its PUT (or another tab re-sealed) since the read above.
    if (current !== undefined && needsReseal(current, to) && current.sha256 === item.sha256) {
      await tx.store.put({
        ...current,
        ciphertext: toStoredBytes(ciphertext),
        sha256,
        bytes: ciphertext.length,
        sealedTo: to,
      });
      resealed += 1;
    }
    await tx.done;
  }
  return resealed;
}
