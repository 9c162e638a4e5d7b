/**
 * What the outbox screen shows (src/reporter/engine/engine.ts OutboxItemView), computed from IndexedDB and the
 * drain's live activity: reports still on the phone first (in sending order), then sent ones
 * (only their receipts remain), newest first.
 */
import type { AttachmentView, OutboxItemView } from "../engine/engine";
import type { DeclaredAttachment, OutboxRecord, ReceiptRecord, UploadRecord, KuaDb } from "../store/db";
import { isOwnerSealed } from "../store/ownerKey";
import { openReportKeys } from "../store/reportKeys";
import type { ReportLabel } from "./label";
import { sendingOrder, type DrainActivity } from "../sync/drain";

/**
 * Each attachment's own state: sent once its upload record is gone (the server holds all of it), sending
 * while the drain uploads it, else waiting (its turn, or the next try after a failure).
 */
export function attachmentViews(
  declared: DeclaredAttachment[],
  uploads: ReadonlyMap<string, UploadRecord>,
  liveBytes: ReadonlyMap<string, number> = new Map(),
): AttachmentView[] {
  const counts = { photo: 0, voice: 0, document: 0 };
  return declared.map(({ attachmentId, bytes, role = "photo", stopped }) => {
    // Numbered per kind; a small copy and its original (declared right after it) share a number.
    const kind = role === "voice" || role === "document" ? role : "photo";
    if (role !== "original") counts[kind] += 1;
    const base = { attachmentId, bytes, role, number: Math.max(1, counts[kind]) };
    if (stopped) return { ...base, sentBytes: 0, done: true, state: "stopped", stoppable: false };
    const upload = uploads.get(attachmentId);
    if (upload === undefined) return { ...base, sentBytes: bytes, done: true, state: "sent", stoppable: false };
    const live = liveBytes.get(attachmentId);
    const sentBytes = Math.min(bytes, Math.max(upload.sentBytes, live ?? 0));
    const state = live !== undefined ? "sending" : "waiting";
    return { ...base, sentBytes, done: false, state, stoppable: role === "original" };
  });
}

function pendingView(
  item: OutboxRecord,
  receipt: ReceiptRecord | undefined,
  uploads: ReadonlyMap<string, UploadRecord>,
  activity: DrainActivity,
): OutboxItemView {
  const attachments = attachmentViews(item.attachments, uploads, activity.liveBytes);
  const reportSent = receipt !== undefined ? item.bytes : 0;
  // A stopped original no longer counts: the report is whole without it.
  const counted = attachments.filter((a) => a.state !== "stopped");
  const photoBytes = counted.reduce((sum, a) => sum + a.bytes, 0);
  const photosSent = counted.reduce((sum, a) => sum + a.sentBytes, 0);
  const total = item.bytes + photoBytes;
  return {
    reportId: item.reportId,
    sealedAt: new Date(item.sealedAt),
    happeningNow: item.happeningNow,
    state: receipt !== undefined || activity.sendingReportId === item.reportId ? "sending" : "waiting",
    progress: total === 0 ? 0 : (reportSent + photosSent) / total,
    attachments,
    receipt: receipt === undefined ? null : { receivedAt: new Date(receipt.receivedAt), sha256: receipt.sha256 },
    lastError: item.lastError,
    nextAttemptAt: item.nextAttemptAt === null ? null : new Date(item.nextAttemptAt),
    label: null,
  };
}

function sentView(receipt: ReceiptRecord): OutboxItemView {
  return {
    reportId: receipt.reportId,
    sealedAt: new Date(receipt.sealedAt),
    happeningNow: receipt.happeningNow,
    state: "sent",
    progress: 1,
    attachments: attachmentViews(receipt.attachments, new Map()),
    receipt: { receivedAt: new Date(receipt.receivedAt), sha256: receipt.sha256 },
    lastError: null,
    nextAttemptAt: null,
    label: null,
  };
}

/**
 * The views' labels (null while locked: none), read from the reports' keys. The views are refreshed
 * several times per Send: each report's label is opened once under a lock key, not every report's keys
 * at every refresh (at 6x CPU a refresh between the receipt and "sent" took 80 ms). Forgotten as soon as
 * the views are computed while locked.
 */
export class LabelCache {
  private key: CryptoKey | null = null;
  private readonly labels = new Map<string, ReportLabel | null>();

  async withLabels(db: KuaDb, key: CryptoKey | null, items: OutboxItemView[]): Promise<OutboxItemView[]> {
    if (key !== this.key) {
      this.labels.clear();
      this.key = key;
    }
    if (key === null || items.length === 0) return items;
    const missing = items.map((item) => item.reportId).filter((reportId) => !this.labels.has(reportId));
    if (missing.length > 0) {
      const tx = db.transaction("reportKeys");
      const records = await Promise.all(missing.map((reportId) => tx.store.get(reportId)));
      await tx.done;
      await Promise.all(
        records.map(async (record) => {
          // Kept at rest to the owner key until the next unlock: not cached, asked again then.
          if (record === undefined || isOwnerSealed(record)) return;
          const keys = await openReportKeys(key, record);
          if (this.key === key) this.labels.set(record.reportId, keys.label ?? null);
        }),
      );
    }
    return items.map((item) => ({ ...item, label: this.labels.get(item.reportId) ?? null }));
  }
}

/** Every report the phone still sends or has sent, as the outbox screen shows it. */
export async function outboxViews(db: KuaDb, activity: DrainActivity): Promise<OutboxItemView[]> {
  const tx = db.transaction(["outbox", "receipts", "uploads"], "readonly");
  const [items, receipts, uploads] = await Promise.all([
    tx.objectStore("outbox").getAll(),
    tx.objectStore("receipts").getAll(),
    tx.objectStore("uploads").getAll(),
  ]);
  await tx.done;
  const uploadsById = new Map(uploads.map((upload) => [upload.attachmentId, upload]));
  const receiptsById = new Map(receipts.map((receipt) => [receipt.reportId, receipt]));
  const pending = sendingOrder(items).map((item) =>
    pendingView(item, receiptsById.get(item.reportId), uploadsById, activity),
  );
  const pendingIds = new Set(items.map((item) => item.reportId));
  const sent = receipts
    .filter((receipt) => !pendingIds.has(receipt.reportId))
    .sort((a, b) => b.sealedAt - a.sealedAt)
    .map(sentView);
  return [...pending, ...sent];
}
