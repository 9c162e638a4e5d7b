/**
 * Questions to the family and their answers (docs/review.md, "Follow-up questions"). A question is
 * sealed here to the report's reply recipient and to the verified recipient list; answers come sealed
 * to the list. Each age file is fetched once while the report is shown (every fetch is audited); the
 * list is asked again every 30 seconds.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { v7 as uuidv7 } from "uuid";

import type { Report } from "../../shared/report/model";
import type { Followup } from "../apiTypes";
import { reviewerName, useConsole, useKnownReviewers } from "../context";
import { buildQuestion, MAX_QUESTION_CHARS, replyRecipientOf } from "../followups/format";
import { openMessage, questionRecipients, sealQuestion } from "../followups/seal";
import { seenAnswers } from "../followups/seen";
import { openableFollowup } from "../grants/answers";
import { threadOf, type Opened } from "../followups/thread";
import { fmtInstant, t } from "../i18n";
import { AnswerMedia } from "./AnswerMedia";
import { Field } from "./Field";
import { Problem } from "./Problem";

const REFRESH_MS = 30_000;

/** A question sealed but perhaps not yet stored: a retry sends the same id and bytes. */
interface Pending {
  text: string;
  questionId: string;
  ciphertext: Uint8Array<ArrayBuffer>;
  familyOnly: boolean;
}

export function FollowUps({ reportId, report }: { reportId: string; report: Report | null }) {
  const { api, keyring, reviewers, recipientList } = useConsole();
  const reply = replyRecipientOf(report);
  const [followups, setFollowups] = useState<Followup[] | null>(null);
  const opened = useRef(new Map<string, Opened>());
  const familyOnlySent = useRef(new Set<string>());
  const pending = useRef<Pending | null>(null);
  const [, setOpenedCount] = useState(0);
  const [familyOnly, setFamilyOnly] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [loadProblem, setLoadProblem] = useState<unknown>(null);
  const [askProblem, setAskProblem] = useState<unknown>(null);
  useKnownReviewers(followups?.map((followup) => followup.author_id) ?? []);

  const openOne = async (followup: Followup): Promise<void> => {
    let ciphertext: Uint8Array;
    try {
      ciphertext = await openableFollowup(api, keyring.identity(), followup);
    } catch {
      return; // fetched again at the next refresh; shown as "opening" meanwhile
    }
    let result: Opened;
    try {
      result = { value: await openMessage(ciphertext, keyring.identity()) };
    } catch (error) {
      result = { problem: error instanceof SyntaxError ? "malformed" : "not_for_this_key" };
    }
    opened.current.set(followup.followup_id, result);
  };

  const refresh = async (): Promise<void> => {
    const list = await api.followups(reportId);
    setFollowups(list);
    setLoadProblem(null);
    const fresh = list.filter((followup) => !opened.current.has(followup.followup_id));
    await Promise.all(fresh.map(openOne));
    setOpenedCount(opened.current.size);
    const lastAnswer = list.filter((followup) => followup.kind === "answer").at(-1);
    if (lastAnswer) seenAnswers.markSeen(reportId, lastAnswer.created_at);
  };

  useEffect(() => {
    let gone = false;
    const run = (): void => void refresh().catch((error: unknown) => !gone && setLoadProblem(error));
    run();
    const timer = setInterval(run, REFRESH_MS);
    return () => {
      gone = true;
      clearInterval(timer);
    };
  }, [reportId]);

  useEffect(() => {
    if (reply === null) return;
    recipientList().then(
      (list) => setFamilyOnly(questionRecipients(reply, list).sealedFor === "family_only"),
      () => undefined,
    );
  }, [reply]);

  const ask = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (reply === null) return;
    const question = text.trim();
    setBusy(true);
    setAskProblem(null);
    try {
      if (pending.current?.text !== question) {
        const questionId = uuidv7();
        const sealed = await sealQuestion(
          buildQuestion(reportId, questionId, question, new Date()),
          reply,
          await recipientList(),
        );
        pending.current = {
          text: question,
          questionId,
          ciphertext: sealed.ciphertext,
          familyOnly: sealed.sealedFor === "family_only",
        };
      }
      const { questionId, ciphertext, familyOnly: onlyFamily } = pending.current;
      await api.askQuestion(reportId, questionId, ciphertext);
      opened.current.set(questionId, { value: buildQuestion(reportId, questionId, question, new Date()) });
      if (onlyFamily) familyOnlySent.current.add(questionId);
      pending.current = null;
      setText("");
      await refresh();
    } catch (error) {
      setAskProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const items = followups === null ? [] : threadOf(reportId, followups, opened.current);
  const canAsk = reply !== null;
  return (
    <section class="card" aria-labelledby="followups-title" data-testid="followups" data-can-ask={canAsk ? "1" : "0"}>
      <h2 id="followups-title">{t("followups.title")}</h2>
      {followups === null && loadProblem === null && <p class="muted">{t("console.loading")}</p>}
      {followups?.length === 0 && <p class="muted">{t("followups.none")}</p>}
      <ol class="notes">
        {items.map(({ followup, text: body, problem: why, answersQuestion, answer }) => (
          <li
            key={followup.followup_id}
            class={followup.kind === "answer" ? "note followup-answer" : "note"}
            data-testid="followup-item"
            data-kind={followup.kind}
            data-followup-id={followup.followup_id}
          >
            <p class="note-meta">
              {followup.kind === "question"
                ? t("followups.asked", {
                    name: reviewerName(reviewers, followup.author_id),
                    at: fmtInstant(followup.created_at),
                  })
                : t("followups.answered", { at: fmtInstant(followup.created_at) })}
            </p>
            {body === null ? (
              <p class="muted">{t(`followups.problems.${why ?? "malformed"}`)}</p>
            ) : (
              body !== "" && <p class="words">{body}</p>
            )}
            {answer !== null && <AnswerMedia answer={answer} />}
            {familyOnlySent.current.has(followup.followup_id) && <p class="muted">{t("followups.sentFamilyOnly")}</p>}
            {followup.kind === "answer" && body !== null && answersQuestion === null && (
              <p class="muted">{t("followups.unmatched")}</p>
            )}
          </li>
        ))}
      </ol>
      {canAsk ? (
        <form onSubmit={(event) => void ask(event)}>
          {familyOnly && <p class="warning">{t("followups.familyOnly")}</p>}
          <Field
            label={t("followups.new")}
            hint={t("followups.newHint")}
            multiline
            value={text}
            onInput={setText}
            testid="followup-text"
          />
          <button
            type="submit"
            class="primary"
            disabled={busy || text.trim() === "" || text.trim().length > MAX_QUESTION_CHARS}
            data-testid="followup-ask"
          >
            {busy ? t("console.working") : t("followups.ask")}
          </button>
        </form>
      ) : (
        report !== null && (
          <p class="muted" data-testid="followup-no-reply-key">
            {t("followups.noReplyKey")}
          </p>
        )
      )}
      <Problem error={askProblem ?? loadProblem} testid="followup-problem" />
    </section>
  );
}
