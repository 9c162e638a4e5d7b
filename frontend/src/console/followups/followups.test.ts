/**
 * Questions to the family: sealed to the phone's reply key and to the listed reviewers (so both
 * open them, and never to keys of two kinds), answers matched to their questions, the "new answer"
 * mark, and the requests the console makes.
 */
import { generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { beforeAll, describe, expect, it } from "vitest";

import { seal, type RecipientList, type RecipientType } from "../../shared/crypto";
import { ReviewApi } from "../api";
import type { Followup } from "../apiTypes";
import { TooLongError } from "../sealed/text";
import { json, scriptedFetch } from "../testing/fetch";
import { sampleReport } from "../testing/reports";
import { ANSWER_FORMAT, asAnswer, asQuestion, buildQuestion, replyRecipientOf, type Answer } from "./format";
import { openMessage, questionRecipients, sealQuestion } from "./seal";
import { hasNewAnswer, SeenAnswers } from "./seen";
import { threadOf, type Opened } from "./thread";

interface Keys {
  identity: string;
  recipient: string;
}

async function keys(type: RecipientType): Promise<Keys> {
  const identity = type === "pq" ? await generateHybridIdentity() : await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

function listOf(type: RecipientType, ...reviewers: Keys[]): RecipientList {
  return {
    version: 1,
    seq: 1,
    issuedAt: new Date("2026-11-01T00:00:00Z"),
    notBefore: new Date("2026-11-01T00:00:00Z"),
    notAfter: new Date("2027-11-01T00:00:00Z"),
    recipientType: type,
    recipients: reviewers.map((reviewer, index) => ({
      keyId: `k${index}`,
      name: `reviewer ${index}`,
      recipient: reviewer.recipient,
    })),
  };
}

const REPORT_ID = "0193a1b2-0000-7000-8000-000000000001";
const QUESTION_ID = "0193a1b2-0000-7000-8000-0000000000a1";
const OTHER_QUESTION_ID = "0193a1b2-0000-7000-8000-0000000000b2";

function followup(followup_id: string, kind: "question" | "answer", created_at: string): Followup {
  return {
    followup_id,
    report_id: REPORT_ID,
    kind,
    author_id: kind === "question" ? "r1" : null,
    created_at,
    sha256: "0".repeat(64),
    size: 600,
  };
}

function answer(answerId: string, questionId: string, text: string, changes: Partial<Answer> = {}): Answer {
  return {
    format: ANSWER_FORMAT,
    version: 1,
    reportId: REPORT_ID,
    questionId,
    answerId,
    text,
    writtenAt: "2026-11-26T10:00:00+05:00",
    ...changes,
  };
}

let amina: Keys;
let bakyt: Keys;
let phone: Keys;

beforeAll(async () => {
  [amina, bakyt, phone] = [await keys("x25519"), await keys("x25519"), await keys("x25519")];
});

describe("a question to the family", () => {
  it("opens with the phone's reply key and with every listed reviewer's key", async () => {
    const question = buildQuestion(REPORT_ID, QUESTION_ID, "Куда его увезли?", new Date("2026-11-26T09:00:00Z"));
    const sealed = await sealQuestion(question, phone.recipient, listOf("x25519", amina, bakyt));
    expect(sealed.sealedFor).toBe("family_and_reviewers");
    for (const identity of [phone.identity, amina.identity, bakyt.identity]) {
      const opened = await openMessage(sealed.ciphertext, identity);
      expect(opened).toEqual({
        format: "kua.question",
        version: 1,
        reportId: REPORT_ID,
        questionId: QUESTION_ID,
        text: "Куда его увезли?",
        askedAt: "2026-11-26T09:00:00.000Z",
      });
      expect(asQuestion(opened, REPORT_ID, QUESTION_ID)?.text).toBe("Куда его увезли?");
    }
    const stranger = await keys("x25519");
    await expect(openMessage(sealed.ciphertext, stranger.identity)).rejects.toThrow();
  });

  it("is padded like every sealed text, so its size tells little", async () => {
    const list = listOf("x25519", amina);
    const short = await sealQuestion(buildQuestion(REPORT_ID, QUESTION_ID, "Да?", new Date()), phone.recipient, list);
    const longer = await sealQuestion(
      buildQuestion(REPORT_ID, QUESTION_ID, "Да? ".repeat(40), new Date()),
      phone.recipient,
      list,
    );
    expect(short.ciphertext.length).toBe(longer.ciphertext.length);
  });

  it("is sealed with post-quantum keys when the phone's reply key and the list are post-quantum", async () => {
    const [pqReviewer, pqPhone] = [await keys("pq"), await keys("pq")];
    const sealed = await sealQuestion(
      buildQuestion(REPORT_ID, QUESTION_ID, "Когда?", new Date()),
      pqPhone.recipient,
      listOf("pq", pqReviewer),
    );
    expect(sealed.sealedFor).toBe("family_and_reviewers");
    expect(await openMessage(sealed.ciphertext, pqPhone.identity)).toMatchObject({ text: "Когда?" });
    expect(await openMessage(sealed.ciphertext, pqReviewer.identity)).toMatchObject({ text: "Когда?" });
  });

  it("never mixes key kinds: an X25519 reply key with a post-quantum list seals for the phone only", async () => {
    const pqReviewer = await keys("pq");
    const list = listOf("pq", pqReviewer);
    expect(questionRecipients(phone.recipient, list)).toEqual({
      recipients: [phone.recipient],
      sealedFor: "family_only",
    });
    const sealed = await sealQuestion(buildQuestion(REPORT_ID, QUESTION_ID, "Где?", new Date()), phone.recipient, list);
    expect(sealed.sealedFor).toBe("family_only");
    expect(await openMessage(sealed.ciphertext, phone.identity)).toMatchObject({ text: "Где?" });
    await expect(openMessage(sealed.ciphertext, pqReviewer.identity)).rejects.toThrow();
  });

  it("is refused when it would be larger than the server takes", async () => {
    const huge = buildQuestion(REPORT_ID, QUESTION_ID, "я".repeat(40_000), new Date());
    await expect(sealQuestion(huge, phone.recipient, listOf("x25519", amina))).rejects.toThrow(TooLongError);
  });

  it("can be asked only of a report that carries a reply recipient", () => {
    expect(replyRecipientOf(sampleReport())).toBeNull();
    expect(replyRecipientOf({ ...sampleReport(), reply: null })).toBeNull();
    expect(replyRecipientOf({ ...sampleReport(), reply: { recipient: "age1notakey" } })).toBeNull();
    expect(replyRecipientOf({ ...sampleReport(), reply: { recipient: phone.recipient } })).toBe(phone.recipient);
    expect(replyRecipientOf(null)).toBeNull();
  });
});

describe("a question or answer the server hands over", () => {
  it("counts only when it names this report and the id it is stored under", () => {
    const valid = answer("a1", QUESTION_ID, "В ИВС.");
    expect(asAnswer(valid, REPORT_ID, "a1")).toEqual(valid);
    expect(asAnswer(valid, REPORT_ID.toUpperCase(), "A1")).toEqual(valid);
    expect(asAnswer(valid, "another-report", "a1")).toBeNull();
    expect(asAnswer(valid, REPORT_ID, "a2")).toBeNull();
    expect(asAnswer({ ...valid, format: "kua.question" }, REPORT_ID, "a1")).toBeNull();
    expect(asAnswer({ ...valid, version: 2 }, REPORT_ID, "a1")).toBeNull();
    expect(asQuestion(valid, REPORT_ID, "a1")).toBeNull();
  });
});

describe("the follow-ups panel's list", () => {
  const list = [
    followup(QUESTION_ID, "question", "2026-11-26T09:00:00Z"),
    followup(OTHER_QUESTION_ID, "question", "2026-11-26T09:05:00Z"),
    followup("a1", "answer", "2026-11-26T10:00:00Z"),
    followup("a2", "answer", "2026-11-26T10:01:00Z"),
    followup("a3", "answer", "2026-11-26T10:02:00Z"),
    followup("a4", "answer", "2026-11-26T10:03:00Z"),
  ];

  it("puts each answer under the question it names, and the others last", () => {
    const opened = new Map<string, Opened>([
      [QUESTION_ID, { value: buildQuestion(REPORT_ID, QUESTION_ID, "Куда?", new Date()) }],
      [OTHER_QUESTION_ID, { problem: "not_for_this_key" }],
      ["a1", { value: answer("a1", OTHER_QUESTION_ID, "Ответ на второй.") }],
      ["a2", { value: answer("a2", QUESTION_ID.toUpperCase(), "Ответ на первый.") }],
      ["a3", { value: answer("a3", "0193a1b2-0000-7000-8000-0000000000ff", "На неизвестный вопрос.") }],
      // a4 not opened yet
    ]);
    const items = threadOf(REPORT_ID, list, opened);
    expect(items.map((item) => [item.followup.followup_id, item.text, item.problem, item.answersQuestion])).toEqual([
      [QUESTION_ID, "Куда?", null, null],
      ["a2", "Ответ на первый.", null, QUESTION_ID],
      [OTHER_QUESTION_ID, null, "not_for_this_key", null],
      ["a1", "Ответ на второй.", null, OTHER_QUESTION_ID],
      ["a3", "На неизвестный вопрос.", null, null],
      ["a4", null, "opening", null],
    ]);
  });

  it("shows no text moved from another report or id", () => {
    const opened = new Map<string, Opened>([
      [QUESTION_ID, { value: buildQuestion("another-report", QUESTION_ID, "Чужой вопрос.", new Date()) }],
      ["a1", { value: answer("a2", QUESTION_ID, "Ответ под чужим номером.") }],
    ]);
    const items = threadOf(REPORT_ID, [list[0]!, list[2]!], opened);
    expect(items.map((item) => [item.text, item.problem])).toEqual([
      [null, "malformed"],
      [null, "malformed"],
    ]);
  });

  it("opens an answer sealed on the phone to the list", async () => {
    const sealed = await seal(new TextEncoder().encode(JSON.stringify(answer("a1", QUESTION_ID, "Вчера вечером."))), [
      amina.recipient,
    ]);
    const value = await openMessage(sealed, amina.identity);
    const items = threadOf(REPORT_ID, [list[0]!, list[2]!], new Map<string, Opened>([["a1", { value }]]));
    expect(items.at(-1)).toMatchObject({ text: "Вчера вечером.", answersQuestion: QUESTION_ID });
  });
});

describe("the queue's new-answer mark", () => {
  it("shows until the answers are seen, and again for a later answer", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    };
    const seen = new SeenAnswers(storage);
    const counts = { questions: 1, answers: 1, last_answer_at: "2026-11-26T10:00:00Z" };
    expect(hasNewAnswer(undefined, null)).toBe(false);
    expect(hasNewAnswer({ questions: 1, answers: 0, last_answer_at: null }, null)).toBe(false);
    expect(hasNewAnswer(counts, seen.seenAt(REPORT_ID))).toBe(true);
    seen.markSeen(REPORT_ID, "2026-11-26T10:00:00Z");
    expect(hasNewAnswer(counts, seen.seenAt(REPORT_ID))).toBe(false);
    seen.markSeen(REPORT_ID, "2026-11-26T09:00:00Z"); // an older list never moves the mark back
    expect(new SeenAnswers(storage).seenAt(REPORT_ID)).toBe("2026-11-26T10:00:00Z");
    expect(
      hasNewAnswer({ ...counts, answers: 2, last_answer_at: "2026-11-26T11:00:00Z" }, seen.seenAt(REPORT_ID)),
    ).toBe(true);
    expect(JSON.stringify([...store.values()])).not.toContain("text");
  });
});

describe("the API client's follow-up calls", () => {
  it("PUTs a question's age file under its id with the CSRF header, and lists and fetches follow-ups", async () => {
    const stored = followup(QUESTION_ID, "question", "2026-11-26T09:00:00Z");
    const { fetch, requests } = scriptedFetch((request) => {
      if (request.method === "PUT") return json(201, stored);
      if (request.url.endsWith("/followups")) return json(200, { followups: [stored] });
      return new Response(new Uint8Array([1, 2, 3]), { status: 200 });
    });
    const api = new ReviewApi({ fetch });
    api.csrfToken = "csrf";
    const ciphertext = new Uint8Array([97, 103, 101]);
    expect(await api.askQuestion(REPORT_ID, QUESTION_ID, ciphertext)).toEqual(stored);
    expect(await api.followups(REPORT_ID)).toEqual([stored]);
    expect([...(await api.followupCiphertext(QUESTION_ID))]).toEqual([1, 2, 3]);
    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ["PUT", `/api/v1/review/reports/${REPORT_ID}/questions/${QUESTION_ID}`],
      ["GET", `/api/v1/review/reports/${REPORT_ID}/followups`],
      ["GET", `/api/v1/review/followups/${QUESTION_ID}/ciphertext`],
    ]);
    expect(requests[0]!.headers.get("X-Kua-CSRF")).toBe("csrf");
    expect(requests[0]!.headers.get("Content-Type")).toBe("application/octet-stream");
    expect(requests[0]!.body).toEqual(ciphertext);
  });
});
