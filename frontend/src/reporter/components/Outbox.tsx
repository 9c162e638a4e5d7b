/**
 * The outbox: reports waiting or being sent (with progress per photo and overall), and the
 * receipts of those the coalition received, which the family can show to prove they reported.
 */
import type { OutboxItemView } from "../engine/engine";
import { fmtDateTime, fmtPercent, fmtTime, t, tp } from "../i18n";
import type { ReportLabel } from "../outbox/label";
import { formatWhen } from "./formatWhen";

const KNOWN_ERRORS = new Set(["offline", "server", "refused"]);

/** "1A2B-3C4D-5E6F-7A8B": the first 16 hex digits of the receipt's hash, easy to read aloud. */
export const receiptCode = (sha256: string): string =>
  (sha256.slice(0, 16).toUpperCase().match(/.{4}/g) ?? []).join("-");

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

function OutboxItem({ item }: { item: OutboxItemView }) {
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
          {item.lastError && (
            <p class="hint">{t(`outbox.error.${KNOWN_ERRORS.has(item.lastError) ? item.lastError : "unknown"}`)}</p>
          )}
          {item.nextAttemptAt && <p class="hint">{t("outbox.nextAttempt", { time: fmtTime(item.nextAttemptAt) })}</p>}
        </>
      )}
      {item.state === "sending" && (
        <>
          <p class="outbox-state">{t("outbox.sending", { percent: fmtPercent(item.progress) })}</p>
          <Progress label={t("outbox.overall")} fraction={item.progress} />
          {item.attachments.map((attachment, index) => (
            <Progress
              key={attachment.attachmentId}
              label={t("outbox.photo", { n: index + 1 })}
              fraction={attachment.bytes > 0 ? attachment.sentBytes / attachment.bytes : attachment.done ? 1 : 0}
            />
          ))}
        </>
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
}

/** Reports still on their way, with the "Send now" button. */
export function OutboxPending({ items, onSendNow }: Props) {
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
          <OutboxItem key={item.reportId} item={item} />
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
