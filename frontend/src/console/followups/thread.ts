/**
 * A report's follow-ups as the panel lists them: each question followed by the answers that name it
 * (matched by `questionId` inside the sealed answer), then answers matching no listed question.
 */
import type { Followup } from "../apiTypes";
import { asAnswer, asQuestion, type Answer, type Question } from "./format";

/** Why a followup shows no text: not opened yet, not for this key, not the format, or not fetched. */
export type FollowUpProblem = "opening" | "not_for_this_key" | "malformed" | "fetch_failed";

/** What became of one followup's age file in this browser. */
export type Opened = { value: unknown } | { problem: Exclude<FollowUpProblem, "opening"> };

export interface FollowUpItem {
  followup: Followup;
  text: string | null;
  problem: FollowUpProblem | null;
  /** For an answer: the listed question it answers, or null. */
  answersQuestion: string | null;
  /** For an opened answer: the answer itself (its media and device key), else null. */
  answer: Answer | null;
}

function read(
  followup: Followup,
  reportId: string,
  opened: Opened | undefined,
): { content: Question | Answer | null; problem: FollowUpProblem | null } {
  if (opened === undefined) return { content: null, problem: "opening" };
  if ("problem" in opened) return { content: null, problem: opened.problem };
  const content =
    followup.kind === "question"
      ? asQuestion(opened.value, reportId, followup.followup_id)
      : asAnswer(opened.value, reportId, followup.followup_id);
  return content === null ? { content: null, problem: "malformed" } : { content, problem: null };
}

/** The panel's items, in reading order, from the server's list (oldest first) and what was opened. */
export function threadOf(
  reportId: string,
  followups: readonly Followup[],
  opened: ReadonlyMap<string, Opened>,
): FollowUpItem[] {
  const items = followups.map((followup) => {
    const { content, problem } = read(followup, reportId, opened.get(followup.followup_id));
    return { followup, content, problem };
  });
  const questionIds = new Set(
    items.filter((item) => item.followup.kind === "question").map((item) => item.followup.followup_id.toLowerCase()),
  );
  const answerTo = (content: Question | Answer | null): string | null => {
    const questionId = (content as Answer | null)?.questionId?.toLowerCase();
    return questionId !== undefined && questionIds.has(questionId) ? questionId : null;
  };
  const toItem = ({ followup, content, problem }: (typeof items)[number]): FollowUpItem => ({
    followup,
    text: content?.text ?? null,
    problem,
    answersQuestion: followup.kind === "answer" ? answerTo(content) : null,
    answer: followup.kind === "answer" ? (content as Answer | null) : null,
  });
  const ordered: FollowUpItem[] = [];
  for (const item of items) {
    if (item.followup.kind !== "question") continue;
    ordered.push(toItem(item));
    const id = item.followup.followup_id.toLowerCase();
    for (const answer of items)
      if (answer.followup.kind === "answer" && answerTo(answer.content) === id) ordered.push(toItem(answer));
  }
  for (const item of items)
    if (item.followup.kind === "answer" && answerTo(item.content) === null) ordered.push(toItem(item));
  return ordered;
}
