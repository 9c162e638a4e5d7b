/**
 * The families' answers to the coalition's questions for a case's reports, opened in this browser
 * for the drafts: each report's follow-ups listed once when the dossier opens (every fetch of an age
 * file is audited, as in the report's panel), answers matched to the question they name.
 */
import { useEffect, useState } from "preact/hooks";

import type { Followup } from "../../apiTypes";
import { useConsole } from "../../context";
import { openMessage } from "../../followups/seal";
import { threadOf, type Opened } from "../../followups/thread";
import { openableFollowup } from "../../grants/answers";
import type { CaseAnswer } from "../dossier";

/** The answers of one report's thread, with the question each names (when it names a listed one). */
export function answersOf(
  reportId: string,
  followups: readonly Followup[],
  opened: ReadonlyMap<string, Opened>,
): CaseAnswer[] {
  const items = threadOf(reportId, followups, opened);
  const questions = new Map(
    items
      .filter((item) => item.followup.kind === "question" && item.text !== null)
      .map((item) => [
        item.followup.followup_id.toLowerCase(),
        { text: item.text!, askedAt: item.followup.created_at },
      ]),
  );
  return items.flatMap((item) =>
    item.answer === null
      ? []
      : [
          {
            reportId,
            question: item.answersQuestion === null ? null : (questions.get(item.answersQuestion) ?? null),
            answer: item.answer,
            receivedAt: item.followup.created_at,
          },
        ],
  );
}

/** The answers to `reportIds`, loaded once; an answer that cannot be opened is left out of the drafts. */
export function useCaseAnswers(reportIds: readonly string[]): CaseAnswer[] {
  const { api, keyring } = useConsole();
  const [answers, setAnswers] = useState<CaseAnswer[]>([]);
  useEffect(() => {
    let gone = false;
    const load = async (reportId: string): Promise<CaseAnswer[]> => {
      const followups = await api.followups(reportId);
      const opened = new Map<string, Opened>();
      for (const followup of followups) {
        try {
          const ciphertext = await openableFollowup(api, keyring.identity(), followup);
          opened.set(followup.followup_id, { value: await openMessage(ciphertext, keyring.identity()) });
        } catch {
          opened.set(followup.followup_id, { problem: "fetch_failed" });
        }
      }
      return answersOf(reportId, followups, opened);
    };
    Promise.all(reportIds.map((id) => load(id).catch(() => [])))
      .then((lists) => !gone && setAnswers(lists.flat()))
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [reportIds.join(",")]);
  return answers;
}
