/**
 * What the outbox screen shows (src/reporter/engine/engine.ts OutboxItemView), computed from IndexedDB and the
 * drain's live activity: reports still on the phone first (in sending order), then sent ones
 * (only their receipts remain), newest first.
 */
import type { AttachmentView, OutboxItemView } from "../engine/engine";
import type { DeclaredAttachment, OutboxRecord, ReceiptRecord, UploadRecord, KuaDb } from "../store/db";
import { readAllReportKeys } from "../store/reportKeys";
import { sendingOrder, type DrainActivity } from "../sync/drain";

function attachmentViews(declared: DeclaredAttachment[], uploads: ReadonlyMap<string, UploadRecord>): AttachmentView[] {
  return declared.map(({ attachmentId, bytes }) => {
    const upload = uploads.get(attachmentId);
    // The upload record goes only when the server holds the whole photo.
    if (upload === undefined) return { attachmentId, bytes, sentBytes: bytes, done: true };
    return { attachmentId, bytes, sentBytes: Math.min(upload.sentBytes, bytes), done: false };
  });
}

function pendingView(
  item: OutboxRecord,
  receipt: ReceiptRecord | undefined,
  uploads: ReadonlyMap<string, UploadRecord>,
  activity: DrainActivity,
): OutboxItemView {
  const attachments = attachmentViews(item.attachments, uploads);
  const reportSent = receipt !== undefined ? item.bytes : 0;
  const photoBytes = attachments.reduce((sum, a) => sum + a.bytes, 0);
  const photosSent = attachments.reduce(
    (sum, a) => sum + Math.min(a.bytes, Math.max(a.sentBytes, activity.liveBytes.get(a.attachmentId) ?? 0)),
    0,
  );
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

/** The views with their labels, read from the reports' keys under `key` (null while locked: none). */
export async function withLabels(db: KuaDb, key: CryptoKey | null, items: OutboxItemView[]): Promise<OutboxItemView[]> {
  if (key === null || items.length === 0) return items;
  const keys = await readAllReportKeys(db, key);
  return items.map((item) => ({ ...item, label: keys.get(item.reportId)?.label ?? null }));
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
