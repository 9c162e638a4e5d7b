/**
 * Follow-up questions, phone side: a sealed report carries its reply recipient and declares its
 * token's digest; the token and the reply identity stay on the phone only encrypted under the lock
 * key; statuses come from the updates endpoint; questions open with the reply identity and show
 * only behind a PIN; answers are sealed, queued and leave only with a matching receipt.
 */
import "fake-indexeddb/auto";

import { openDB } from "idb";
import { describe, expect, it } from "vitest";

import { open, seal } from "../../shared/crypto";
import type { Engine, MyReportsView } from "../engine/engine";
import type { Report } from "../../shared/report/model";
import { openKuaDb, getSetting, DB_NAME } from "../store/db";
import { openReportKeys } from "../store/reportKeys";
import { hex256 } from "./testing/fakeIntake";
import { completeDraft, harness, reopen, type Harness } from "./testing/harness";

const QUESTION = "Кто ещё видел, как его увозили? Канарейка-вопрос-7731";
const ANSWER = "Соседка Айгуль видела машину. Канарейка-ответ-4410";

async function sendReport(h: Harness, happeningNow = false): Promise<string> {
  const reportId = await h.engine.submit(completeDraft(h, { happeningNow }));
  await h.engine.drain.idle();
  return reportId;
}

/** What the reviewers read: the report as sealed. */
async function openedReport(h: Harness, reportId: string): Promise<Report> {
  const stored = h.intake.stored.get(reportId);
  if (stored === undefined) throw new Error("the report never reached the server");
  return JSON.parse(new TextDecoder().decode(await open(stored, [h.reviewer.identity]))) as Report;
}

/** A reviewer asks: the question is sealed to the report's reply recipient and waits on the server. */
async function reviewerAsks(
  h: Harness,
  reportId: string,
  text: string,
  questionId = crypto.randomUUID(),
): Promise<string> {
  const recipient = (await openedReport(h, reportId)).reply?.recipient;
  if (!recipient) throw new Error("the report has no reply recipient");
  const askedAt = "2026-11-26T08:00:00Z";
  const plaintext = { format: "kua.question", version: 1, reportId, questionId, text, askedAt };
  const ciphertext = await seal(new TextEncoder().encode(JSON.stringify(plaintext)), [recipient]);
  const list = h.intake.questions.get(reportId) ?? [];
  list.push({ question_id: questionId, asked_at: askedAt, ciphertext: btoa(String.fromCharCode(...ciphertext)) });
  h.intake.questions.set(reportId, list);
  return questionId;
}

/** The first "My reports" view that satisfies `wanted`. */
function myReportsWhere(engine: Engine, wanted: (view: MyReportsView) => boolean): Promise<MyReportsView> {
  return new Promise((resolve, reject) => {
    let off: () => void = () => undefined;
    const timer = setTimeout(() => {
      off();
      reject(new Error("no such view of My reports"));
    }, 5_000);
    off = engine.watchMyReports((view) => {
      if (!wanted(view)) return;
      clearTimeout(timer);
      queueMicrotask(off);
      resolve(view);
    });
  });
}

const checked = (view: MyReportsView): boolean => !view.checking && view.checkedAt !== null;

/** Every record of every store, with binary content as latin1 text, for plaintext searches. */
async function dumpDatabase(): Promise<string> {
  const db = await openKuaDb();
  const parts: string[] = [];
  for (const name of db.objectStoreNames) {
    for (const value of await db.getAll(name)) parts.push(await flatten(value));
  }
  db.close();
  return parts.join("\n");
}

async function flatten(value: unknown): Promise<string> {
  if (value instanceof Blob) return new TextDecoder("latin1").decode(await value.arrayBuffer());
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return new TextDecoder("latin1").decode(bytes);
  }
  if (typeof value === "object" && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, inner]) => `${key}=${await flatten(inner)}`),
    );
    return entries.join(";");
  }
  return String(value);
}

describe("a reporter's phone sealing a report", () => {
  it("puts a fresh reply recipient in the report and declares the token's digest and 'happening now'", async () => {
    const h = await harness();
    const first = await sendReport(h, true);
    const second = await sendReport(h);

    const [put1, put2] = h.intake.puts();
    const digest1 = put1?.headers.get("kua-reporter-token-sha256");
    expect(digest1).toMatch(/^[0-9a-f]{64}$/);
    expect(put2?.headers.get("kua-reporter-token-sha256")).toMatch(/^[0-9a-f]{64}$/);
    expect(put2?.headers.get("kua-reporter-token-sha256")).not.toBe(digest1);
    expect(put1?.headers.get("kua-happening-now")).toBe("1");
    expect(put2?.headers.get("kua-happening-now")).toBeNull();

    const [report1, report2] = [await openedReport(h, first), await openedReport(h, second)];
    expect(report1.reply?.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(report2.reply?.recipient).not.toBe(report1.reply?.recipient);

    // The token behind the digest and the identity behind the recipient are the phone's own.
    const db = await openKuaDb();
    const lock = await getSetting(db, "lock");
    if (lock?.mode !== "device") throw new Error("expected the device key");
    const record = await db.get("reportKeys", first);
    if (record === undefined) throw new Error("no keys stored for the report");
    const keys = await openReportKeys(lock.key, record);
    db.close();
    expect(keys.reporterToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await hex256(new TextEncoder().encode(keys.reporterToken))).toBe(digest1);
    const { identityToRecipient } = await import("age-encryption");
    expect(await identityToRecipient(keys.replyIdentity)).toBe(report1.reply?.recipient);
  });

  it("keeps the token and the reply identity only encrypted, before and after sending, and under a PIN", async () => {
    const h = await harness();
    h.intake.defaultAnswer = "network_error";
    const reportId = await sendReport(h);
    const db = await openKuaDb();
    const lock = await getSetting(db, "lock");
    if (lock?.mode !== "device") throw new Error("expected the device key");
    const keys = await openReportKeys(lock.key, (await db.get("reportKeys", reportId))!);
    db.close();
    const secrets = [
      keys.reporterToken,
      keys.replyIdentity,
      keys.replyIdentity.toLowerCase(),
      keys.replyIdentity.slice(16, 48),
    ];

    const queued = await dumpDatabase();
    for (const secret of secrets) expect(queued).not.toContain(secret);

    h.intake.defaultAnswer = "receipt";
    h.engine.sendNow();
    await h.engine.drain.idle();
    const sent = await dumpDatabase();
    expect(sent).toContain(reportId); // the receipt
    for (const secret of secrets) expect(sent).not.toContain(secret);

    await h.engine.setPin("482913");
    const pinned = await dumpDatabase();
    for (const secret of secrets) expect(pinned).not.toContain(secret);
    expect(Object.keys(globalThis.localStorage ?? {})).toEqual([]);
  });
});

describe("a family reading 'My reports'", () => {
  it("sees each receipt with the status the server gives, asked with the token", async () => {
    const h = await harness();
    const reportId = await sendReport(h);
    h.intake.statuses.set(reportId, "in_review");

    const view = await myReportsWhere(h.engine, checked);

    expect(view.reports).toHaveLength(1);
    expect(view.reports[0]).toMatchObject({
      reportId,
      status: "in_review",
      tracked: true,
      photosDeclared: 0,
      questionCount: 0,
    });
    const updates = h.intake.requests.filter((request) => request.path === "/api/v1/reports/updates");
    expect(updates).toHaveLength(1);
  });

  it("without a PIN is told to set one: the question is counted, not opened", async () => {
    const h = await harness();
    const reportId = await sendReport(h);
    await reviewerAsks(h, reportId, QUESTION);

    const view = await myReportsWhere(h.engine, checked);

    expect(view.questions).toBe("need_pin");
    expect(view.reports[0]).toMatchObject({ questionCount: 1, questions: [] });
    await expect(h.engine.answerQuestion(reportId, "x", ANSWER)).rejects.toThrow();
  });

  it("with a PIN reads the question, opened with the report's reply identity", async () => {
    const h = await harness();
    const reportId = await sendReport(h);
    const questionId = await reviewerAsks(h, reportId, QUESTION);
    // A question sealed to some other key (a server trying its luck) is not shown.
    const { generateX25519Identity, identityToRecipient } = await import("age-encryption");
    const stranger = await identityToRecipient(await generateX25519Identity());
    const forged = await seal(
      new TextEncoder().encode(
        JSON.stringify({
          format: "kua.question",
          version: 1,
          reportId,
          questionId: "f",
          text: "forged",
          askedAt: "2026-11-26T08:00:00Z",
        }),
      ),
      [stranger],
    );
    h.intake.questions
      .get(reportId)
      ?.push({ question_id: "f", asked_at: "2026-11-26T08:00:00Z", ciphertext: btoa(String.fromCharCode(...forged)) });
    await h.engine.setPin("482913");

    const view = await myReportsWhere(h.engine, checked);

    expect(view.questions).toBe("shown");
    expect(view.reports[0]?.questions).toEqual([
      {
        questionId,
        askedAt: new Date("2026-11-26T08:00:00Z"),
        text: QUESTION,
        answer: null,
        attachments: { total: 0, received: 0 },
      },
    ]);
    expect(view.reports[0]?.questionCount).toBe(2);
    expect(await dumpDatabase()).not.toContain("Канарейка");
  });
});

describe("a family answering a question", () => {
  it("seals the answer to the recipient list and keeps it until a matching receipt, retrying after a failure", async () => {
    const h = await harness();
    const reportId = await sendReport(h);
    const questionId = await reviewerAsks(h, reportId, QUESTION);
    await h.engine.setPin("482913");
    await myReportsWhere(h.engine, (view) => view.reports[0]?.questions.length === 1);
    h.intake.answerAnswers.push("captive_portal");

    await h.engine.answerQuestion(reportId, questionId, ANSWER);
    await h.engine.drain.idle();

    const waiting = await myReportsWhere(h.engine, checked);
    expect(waiting.reports[0]?.questions[0]?.answer).toBe("waiting");
    const db = await openKuaDb();
    const [queued] = await db.getAll("answers");
    expect(queued).toMatchObject({ reportId, questionId, lastError: "server", receivedAt: null });
    expect(queued?.ciphertext).toBeInstanceOf(Uint8Array);
    expect(await dumpDatabase()).not.toContain("Канарейка");

    const wait = (queued?.nextAttemptAt ?? 0) - h.timers.now();
    expect(wait).toBeGreaterThan(0);
    h.timers.advance(wait);
    await h.engine.drain.idle();

    const sent = await myReportsWhere(h.engine, (view) => view.reports[0]?.questions[0]?.answer === "sent");
    expect(sent.reports[0]?.questions[0]?.answer).toBe("sent");
    const [put1, put2] = h.intake.answerPuts();
    expect(put1?.body).toEqual(put2?.body);
    expect(put2?.headers.get("content-type")).toBe("application/octet-stream");
    const token = put2?.headers.get("kua-reporter-token") ?? "";
    expect(await hex256(new TextEncoder().encode(token))).toBe(h.intake.tokenDigests.get(reportId));
    const answerId = put2?.path.split("/").pop() ?? "";
    const stored = h.intake.storedAnswers.get(answerId);
    const opened = JSON.parse(new TextDecoder().decode(await open(stored!, [h.reviewer.identity]))) as Record<
      string,
      unknown
    >;
    expect(opened).toMatchObject({ format: "kua.answer", version: 1, reportId, questionId, answerId, text: ANSWER });
    const done = await db.get("answers", answerId);
    expect(done).toMatchObject({ ciphertext: null, receivedAt: Date.parse("2026-11-26T09:00:00Z"), lastError: null });
    db.close();
  });

  it("after a reload waits for the PIN before sending the answer, then sends it", async () => {
    const h = await harness();
    const reportId = await sendReport(h);
    const questionId = await reviewerAsks(h, reportId, QUESTION);
    await h.engine.setPin("482913");
    await myReportsWhere(h.engine, (view) => view.reports[0]?.questions.length === 1);
    h.intake.answerAnswers.push("network_error");
    await h.engine.answerQuestion(reportId, questionId, ANSWER);
    await h.engine.drain.idle();
    h.engine.drain.stop();

    const reloaded = await reopen(h);
    expect(reloaded.lockState()).toBe("locked");
    const before = h.intake.answerPuts().length;
    reloaded.sendNow();
    await reloaded.drain.idle();
    expect(h.intake.answerPuts()).toHaveLength(before);
    const db = await openKuaDb();
    expect((await db.getAll("answers"))[0]?.lastError).toBe("locked");

    expect(await reloaded.unlock("482913")).toBe(true);
    await reloaded.drain.idle();
    expect(h.intake.answerPuts()).toHaveLength(before + 1);
    expect((await db.getAll("answers"))[0]).toMatchObject({ ciphertext: null, lastError: null });
    db.close();
  });
});

describe("the phone's database", () => {
  it("keeps the receipts of version 1 on upgrade: they show as sent, without a status", async () => {
    const h = await harness();
    h.engine.drain.stop();
    (await openKuaDb()).close();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(DB_NAME);
      request.onsuccess = () => resolve();
    });
    const old = await openDB(DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore("drafts", { keyPath: "draftId" });
        database.createObjectStore("attachments", { keyPath: "attachmentId" }).createIndex("byDraft", "draftId");
        database.createObjectStore("uploads", { keyPath: "attachmentId" }).createIndex("byReport", "reportId");
        database.createObjectStore("outbox", { keyPath: "reportId" });
        database.createObjectStore("receipts", { keyPath: "reportId" });
        database.createObjectStore("settings");
      },
    });
    const reportId = "01930000-0000-7000-8000-000000000001";
    await old.put("receipts", {
      reportId,
      sealedAt: 1,
      receivedAt: 2,
      sha256: "a".repeat(64),
      happeningNow: false,
      attachments: [],
    });
    old.close();

    const upgraded = await reopen(h);
    const view = await myReportsWhere(upgraded, checked);

    expect(view.reports).toEqual([expect.objectContaining({ reportId, tracked: false, status: null })]);
    expect(h.intake.requests.filter((request) => request.path === "/api/v1/reports/updates")).toHaveLength(0);
  });

  it("is deleted by the wipe with every token, reply identity and queued answer", async () => {
    const h = await harness();
    const reportId = await sendReport(h);
    const questionId = await reviewerAsks(h, reportId, QUESTION);
    await h.engine.setPin("482913");
    await myReportsWhere(h.engine, (view) => view.reports[0]?.questions.length === 1);
    h.intake.answerAnswers.push("server_error");
    await h.engine.answerQuestion(reportId, questionId, ANSWER);
    await h.engine.drain.idle();

    await h.engine.wipeEverything();

    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(DB_NAME);
    const fresh = await openKuaDb();
    expect(await fresh.count("reportKeys")).toBe(0);
    expect(await fresh.count("answers")).toBe(0);
    expect(await fresh.count("receipts")).toBe(0);
    fresh.close();
  });
});

describe("a report's reply key", () => {
  it("is of the recipient list's kind, so that a question can be sealed to it and the list together", async () => {
    const { generateHybridIdentity, generateX25519Identity, identityToRecipient } = await import("age-encryption");
    const { drawReportKeys } = await import("./reportKeys");
    const pqList = [await identityToRecipient(await generateHybridIdentity())];
    const classicList = [await identityToRecipient(await generateX25519Identity())];

    const pq = await drawReportKeys(pqList);
    expect(pq.replyRecipient.startsWith("age1pq1")).toBe(true);
    const question = await seal(new TextEncoder().encode("вопрос"), [pq.replyRecipient, ...pqList]);
    expect(new TextDecoder().decode(await open(question, [pq.keys.replyIdentity]))).toBe("вопрос");

    const classic = await drawReportKeys(classicList);
    expect(classic.replyRecipient.startsWith("age1pq1")).toBe(false);
    expect(classic.keys.reporterToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
