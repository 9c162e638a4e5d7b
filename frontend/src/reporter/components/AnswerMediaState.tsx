/** How many of an answer's photos (and, later, recordings and documents) the server holds whole. */
import type { QuestionView } from "../engine/engine";
import { t } from "../i18n";

export function AnswerMediaState({ attachments }: { attachments: QuestionView["attachments"] }) {
  const { total, received } = attachments;
  if (total === 0) return null;
  const done = received === total;
  return (
    <p
      class="hint"
      role="status"
      data-testid="my-report-answer-media"
      data-state={done ? "sent" : "sending"}
      data-received={received}
      data-total={total}
    >
      {done && <span aria-hidden="true">✓ </span>}
      {done ? t("answerMedia.sent") : t("answerMedia.sending", { received, total })}
    </p>
  );
}
