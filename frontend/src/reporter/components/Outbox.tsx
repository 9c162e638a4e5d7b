/**
 * The outbox: reports waiting or being sent (with progress per photo and overall), and the
 * receipts of those the coalition received, which the family can show to prove they reported.
 */
import { useState } from "preact/hooks";

import type { AttachmentView, OutboxItemView } from "../engine/engine";
import { fmtDateTime, fmtPercent, fmtTime, t, tp } from "../i18n";
import { needsHomeScreen } from "../install/homeScreen";
import type { ReportLabel } from "../outbox/label";
import { formatWhen } from "./formatWhen";

const KNOWN_ERRORS = new Set(["offline", "server", "refused"]);
const DAY_MS = 24 * 60 * 60_000;
/** From this many days on the phone, a waiting report says what to do (Safari may delete it after 7). */
export const LONG_WAIT_DAYS = 2;

/** "1A2B-3C4D-5E6F-7A8B": the first 16 hex digits of the receipt's hash, easy to read aloud. */
export const receiptCode = (sha256: string): string =>
  (sha256.slice(0, 16).toUpperCase().match(/.{4}/g) ?? []).join("-");

/** "Фото 1, маленькая копия", "Фото 1, оригинал", "Запись 1", "Документ 1". */
export function attachmentLabel(attachment: AttachmentView): string {
  const key = {
    photo: "photo",
    preview: "photoPreview",
    original: "photoOriginal",
    voice: "voice",
    document: "document",
  }[attachment.role];
  return t(`outbox.${key}`, { n: attachment.number });
}

/** "ждёт", "отправляется: 35 %", "отправлено", "оригинал не отправлен". */
export function attachmentStateText(attachment: AttachmentView): string {
  if (attachment.state === "sending" || (attachment.state === "waiting" && attachment.sentBytes > 0)) {
    const fraction = attachment.bytes > 0 ? attachment.sentBytes / attachment.bytes : 0;
    const percent = fmtPercent(fraction);
    return attachment.state === "sending"
      ? t("outbox.attachmentSending", { percent })
      : t("outbox.attachmentPaused", { percent });
  }
  return t(
    `outbox.attachment${attachment.state === "waiting" ? "Waiting" : attachment.state === "sent" ? "Sent" : "Stopped"}`,
  );
}

function AttachmentRow({ attachment, onStop }: { attachment: AttachmentView; onStop: (attachmentId: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const label = attachmentLabel(attachment);
  const fraction = attachment.done ? 1 : attachment.bytes > 0 ? attachment.sentBytes / attachment.bytes : 0;
  return (
    <li
      class="outbox-attachment"
      data-testid="outbox-attachment"
      data-role={attachment.role}
      data-state={attachment.state}
      data-attachment-id={attachment.attachmentId}
    >
      <span>
        {label}: {attachmentStateText(attachment)}
      </span>
      {attachment.state !== "stopped" && <progress max={100} value={Math.round(fraction * 100)} aria-label={label} />}
      {attachment.stoppable &&
        (confirming ? (
          <div class="confirm" role="group" aria-label={t("outbox.stopOriginal")}>
            <p>{t("outbox.stopOriginalConfirm")}</p>
            <div class="row">
              <button
                type="button"
                class="danger"
                data-testid="stop-original-yes"
                onClick={() => onStop(attachment.attachmentId)}
              >
                {t("outbox.stopOriginalYes")}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                {t("home.cancel")}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" class="secondary" data-testid="stop-original" onClick={() => setConfirming(true)}>
            {t("outbox.stopOriginal")}
          </button>
        ))}
    </li>
  );
}

/** Why the last try failed and when the next one is: for the report, or its attachments once the report is in. */
function Failure({ item }: { item: OutboxItemView }) {
  if (item.lastError === null) return null;
  return (
    <>
      <p class="hint" data-testid="outbox-error">
        {t(`outbox.error.${KNOWN_ERRORS.has(item.lastError) ? item.lastError : "unknown"}`)}
      </p>
      {item.nextAttemptAt && <p class="hint">{t("outbox.nextAttempt", { time: fmtTime(item.nextAttemptAt) })}</p>}
    </>
  );
}

/** Whole days a report has waited since it was sealed, by the phone's clock. */
export function daysWaiting(sealedAt: Date, now: number = Date.now()): number {
  return Math.max(0, Math.floor((now - sealedAt.getTime()) / DAY_MS));
}

/** A report still on the phone after days: how long, and what to do (on an iPhone tab, why it matters). */
function LongWait({ item }: { item: OutboxItemView }) {
  const days = daysWaiting(item.sealedAt);
  if (days < LONG_WAIT_DAYS) return null;
  return (
    <div class="warning" role="alert" data-testid="outbox-long-wait">
      <p>{tp("outbox.waitingDays", days)}</p>
      <p>{t("outbox.waitingDaysHint")}</p>
      {needsHomeScreen() && <p>{t("outbox.waitingDaysIphone")}</p>}
    </div>
  );
}

function Progress({ label, fraction }: { label: string; fraction: number }) {
  return (
    <div class="progress">
      <span>
        {label}: {fmtPercent(fraction)}
      </span>
      <progress max={100} value={Math.round(fraction * 100)} aria-label={label} />
    </div>
  );
}

/** "Задержание; Обыск · Кордай · 6 декабря 2026 · Ерлан": what the owner wrote, shown only after the PIN. */
export function labelText(label: ReportLabel): string {
  const place = label.village === "other" ? label.otherPlace : label.village ? t(`villages.${label.village}`) : null;
  return [label.kinds.map((kind) => t(`kinds.${kind}`)).join("; "), place, formatWhen(label.when), label.victim]
    .filter((part) => part !== null && part !== "")
    .join(" · ");
}

function OutboxItem({
  item,
  onStop,
}: {
  item: OutboxItemView;
  onStop?: ((reportId: string, attachmentId: string) => void) | undefined;
}) {
  const sealed = t("outbox.reportOf", { date: fmtDateTime(item.sealedAt) });
  const label = item.label && labelText(item.label);
  const title = label || sealed;
  return (
    <li
      class={`outbox-item ${item.state}`}
      data-testid="outbox-item"
      data-labelled={item.label ? "1" : "0"}
      data-state={item.state}
      data-report-id={item.reportId}
    >
      <p class="outbox-title">
        {item.happeningNow && <span class="badge">{t("outbox.urgent")}</span>} {title}
      </p>
      {label && (
        <p class="hint" data-testid="outbox-label-date">
          {sealed}
        </p>
      )}
      {item.state === "waiting" && (
        <>
          <p class="outbox-state">{t("outbox.waiting")}</p>
          <LongWait item={item} />
          <Failure item={item} />
        </>
      )}
      {item.state === "sending" && (
        <>
          <p class="outbox-state">{t("outbox.sending", { percent: fmtPercent(item.progress) })}</p>
          <Progress label={t("outbox.overall")} fraction={item.progress} />
          {/* The report is in and an attachment keeps failing: say why and when, not a frozen percentage. */}
          {!item.attachments.some((attachment) => attachment.state === "sending") && <Failure item={item} />}
        </>
      )}
      {item.state !== "sent" && item.attachments.length > 0 && (
        <ul class="outbox-attachments">
          {item.attachments.map((attachment) => (
            <AttachmentRow
              key={attachment.attachmentId}
              attachment={attachment}
              onStop={(attachmentId) => onStop?.(item.reportId, attachmentId)}
            />
          ))}
        </ul>
      )}
      {item.state === "sent" && item.attachments.some((attachment) => attachment.state === "stopped") && (
        <p class="hint" data-testid="outbox-stopped-note">
          {t("outbox.originalsNotSent")}
        </p>
      )}
      {item.state === "sent" && item.receipt && (
        <div class="receipt" data-testid="receipt">
          <p class="outbox-state">
            <span aria-hidden="true">✓ </span>
            {t("outbox.sent")}
          </p>
          <p>{t("outbox.receivedAt", { date: fmtDateTime(item.receipt.receivedAt) })}</p>
          <p class="receipt-code">{t("outbox.receiptCode", { code: receiptCode(item.receipt.sha256) })}</p>
        </div>
      )}
    </li>
  );
}

interface Props {
  items: OutboxItemView[];
  onSendNow: () => void;
  /** The relative confirmed: stop sending this original (its small copy is sent). */
  onStopOriginal?: ((reportId: string, attachmentId: string) => void) | undefined;
}

/** Reports still on their way, with the "Send now" button. */
export function OutboxPending({ items, onSendNow, onStopOriginal }: Props) {
  const pending = items.filter((item) => item.state !== "sent");
  if (pending.length === 0) return null;
  return (
    <section class="card" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t("outbox.title")}</h2>
      <p>{tp("outbox.waitingCount", pending.length)}</p>
      <button type="button" class="primary" onClick={onSendNow} data-testid="send-now">
        {t("outbox.sendNow")}
      </button>
      <ul class="outbox-list">
        {pending.map((item) => (
          <OutboxItem key={item.reportId} item={item} onStop={onStopOriginal} />
        ))}
      </ul>
    </section>
  );
}

/** "My receipts": what the coalition acknowledged. */
export function Receipts({ items }: { items: OutboxItemView[] }) {
  const sent = items.filter((item) => item.state === "sent");
  if (sent.length === 0) return null;
  return (
    <section class="card" aria-labelledby="receipts-title">
      <h2 id="receipts-title">{t("outbox.receiptsTitle")}</h2>
      <p class="hint">{t("outbox.receiptsHint")}</p>
      <ul class="outbox-list">
        {[...sent].reverse().map((item) => (
          <OutboxItem key={item.reportId} item={item} />
        ))}
      </ul>
    </section>
  );
}
