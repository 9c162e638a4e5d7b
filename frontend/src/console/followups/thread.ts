/**
 * A report's follow-ups as the panel lists them: each question followed by the answers that name it
 * (matched by `questionId` inside the sealed answer), then answers matching no listed question.
 */
import type { ReportMessage } from "../apiTypes";
import { asAnswer, asQuestion, type Answer, type Question } from "./format";

/** Why a message shows no text: not opened yet, not for this key, not the format, or not fetched. */
export type FollowUpProblem = "opening" | "not_for_this_key" | "malformed" | "fetch_failed";

/** What became of one message's age file in this browser. */
export type Opened = { value: unknown } | { problem: Exclude<FollowUpProblem, "opening"> };

export interface FollowUpItem {
  message: ReportMessage;
  text: string | null;
  problem: FollowUpProblem | null;
  /** For an answer: the listed question it answers, or null. */
  answersQuestion: string | null;
}

function read(
  message: ReportMessage,
  reportId: string,
  opened: Opened | undefined,
): { content: Question | Answer | null; problem: FollowUpProblem | null } {
  if (opened === undefined) return { content: null, problem: "opening" };
  if ("problem" in opened) return { content: null, problem: opened.problem };
  const content =
    message.kind === "question"
      ? asQuestion(opened.value, reportId, message.message_id)
      : asAnswer(opened.value, reportId, message.message_id);
  return content === null ? { content: null, problem: "malformed" } : { content, problem: null };
}

/** The panel's items, in reading order, from the server's list (oldest first) and what was opened. */
export function threadOf(
  reportId: string,
  messages: readonly ReportMessage[],
  opened: ReadonlyMap<string, Opened>,
): FollowUpItem[] {
  const items = messages.map((message) => {
    const { content, problem } = read(message, reportId, opened.get(message.message_id));
    return { message, content, problem };
  });
  const questionIds = new Set(
    items.filter((item) => item.message.kind === "question").map((item) => item.message.message_id.toLowerCase()),
  );
  const answerTo = (content: Question | Answer | null): string | null => {
    const questionId = (content as Answer | null)?.questionId?.toLowerCase();
    return questionId !== undefined && questionIds.has(questionId) ? questionId : null;
  };
  const toItem = ({ message, content, problem }: (typeof items)[number]): FollowUpItem => ({
    message,
    text: content?.text ?? null,
    problem,
    answersQuestion: message.kind === "answer" ? answerTo(content) : null,
  });
  const ordered: FollowUpItem[] = [];
  for (const item of items) {
    if (item.message.kind !== "question") continue;
    ordered.push(toItem(item));
    const id = item.message.message_id.toLowerCase();
    for (const answer of items)
      if (answer.message.kind === "answer" && answerTo(answer.content) === id) ordered.push(toItem(answer));
  }
  for (const item of items)
    if (item.message.kind === "answer" && answerTo(item.content) === null) ordered.push(toItem(item));
  return ordered;
}
