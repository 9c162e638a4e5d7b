/**
 * Photos in answers to follow-up questions, phone side: the sealed answer names them (with the
 * device key when signed), the AnswerRecord declares them, they upload only after the answer's
 * receipt checked out, resume after a failure, and captures removed from the answer are deleted.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { open, seal } from "../../shared/crypto";
import type { Answer } from "../../shared/report/followups";
import { verifyProvenance } from "../../shared/report/provenanceCheck";
import type { Report } from "../../shared/report/model";
import type { Engine, MyReportsView } from "../engine/engine";
import { openKuaDb } from "../store/db";
import { answerDraftId, answerUploadKey } from "./answerMedia";
import { hex256 } from "./testing/fakeIntake";
import { completeDraft, harness, reopen, type Harness } from "./testing/harness";

const PIN = "482913";
const CANARY = "Канарейка-синяк-5521";
const photoBytes = new TextEncoder().encode(`JPEG bytes of the bruise on day 7 ${CANARY}`);
const bruise = (): File =>
  new File([photoBytes], "IMG_0107.jpg", {
    type: "image/jpeg",
    lastModified: Date.parse("2026-12-03T08:00:00Z"),
  });

async function sentReportWithQuestion(h: Harness): Promise<{ reportId: string; questionId: string }> {
  const reportId = await h.engine.submit(completeDraft(h));
  await h.engine.drain.idle();
  const stored = h.intake.stored.get(reportId)!;
  const report = JSON.parse(new TextDecoder().decode(await open(stored, [h.reviewer.identity]))) as Report;
  const questionId = crypto.randomUUID();
  const askedAt = "2026-11-26T08:00:00Z";
  const question = { format: "kua.question", version: 1, reportId, questionId, text: "Пришлите новое фото", askedAt };
  const ciphertext = await seal(new TextEncoder().encode(JSON.stringify(question)), [report.reply!.recipient]);
  h.intake.questions.set(reportId, [
    { question_id: questionId, asked_at: askedAt, ciphertext: btoa(String.fromCharCode(...ciphertext)) },
  ]);
  await h.engine.setPin(PIN);
  await viewWhere(h.engine, (view) => view.reports[0]?.questions.length === 1);
  return { reportId, questionId };
}

function viewWhere(engine: Engine, wanted: (view: MyReportsView) => boolean): Promise<MyReportsView> {
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

async function openedAnswer(h: Harness): Promise<Answer> {
  const [stored] = [...h.intake.storedAnswers.values()];
  return JSON.parse(new TextDecoder().decode(await open(stored!, [h.reviewer.identity]))) as Answer;
}

describe("a family answering with a photo", () => {
  it("seals the photo's ref in the answer and uploads the photo only after the answer's receipt", async () => {
    const h = await harness();
    const { reportId, questionId } = await sentReportWithQuestion(h);
    const draftId = answerDraftId(questionId);
    const kept = await h.engine.attachPhoto(draftId, bruise(), { downscale: false, source: "camera" });
    const removed = await h.engine.attachPhoto(draftId, bruise(), { downscale: false });
    await h.engine.removePhoto(removed.attachmentId);
    const dropped = await h.engine.attachPhoto(draftId, bruise(), { downscale: false });
    const uploadsBefore = h.uploader.tasks.length;
    h.intake.answerAnswers.push("server_error");

    // No text: a photo alone is an answer.
    await h.engine.answerQuestion(reportId, questionId, "  ", { photos: [kept], voice: [], documents: [] });
    await h.engine.drain.idle();

    const db = await openKuaDb();
    const [queued] = await db.getAll("answers");
    expect(queued?.attachments?.map((a) => a.attachmentId)).toEqual([kept.attachmentId]);
    expect(queued?.attachments?.[0]?.bytes).toBe((await db.get("attachments", kept.attachmentId))?.bytes);
    expect(queued?.lastError).toBe("server");
    expect(h.uploader.tasks).toHaveLength(uploadsBefore);
    expect(await db.get("uploads", kept.attachmentId)).toMatchObject({ reportId: answerUploadKey(queued!.answerId) });
    expect(await db.get("attachments", removed.attachmentId)).toBeUndefined();
    expect(await db.get("attachments", dropped.attachmentId)).toBeUndefined();
    const waiting = await viewWhere(h.engine, (view) => view.reports[0]?.questions[0]?.answer === "waiting");
    expect(waiting.reports[0]?.questions[0]?.attachments).toEqual({ total: 1, received: 0 });

    h.timers.advance(queued!.nextAttemptAt! - h.timers.now());
    await h.engine.drain.idle();

    const answer = await openedAnswer(h);
    expect(answer).toMatchObject({
      reportId,
      questionId,
      text: "",
      media: { photos: [kept], voice: [], documents: [] },
    });
    // The photo is signed on capture: the answer names the key, and the signature holds over its bytes.
    const facts = { attachmentId: kept.attachmentId, kind: "photo" as const, sha256: await hex256(photoBytes) };
    const signed = { ...facts, capturedAt: kept.capturedAt, fileTime: kept.fileTime };
    expect(answer.device?.algorithm).toBe("Ed25519");
    expect(verifyProvenance(answer.device, kept.signature, signed)).toBe("valid");
    const uploaded = h.uploader.tasks.slice(uploadsBefore);
    expect(uploaded.map((task) => task.attachmentId)).toEqual([kept.attachmentId]);
    const photo = new Uint8Array(await open(h.uploader.uploaded.get(kept.attachmentId)!, [h.reviewer.identity]));
    expect(new TextDecoder().decode(photo)).toContain(CANARY);
    expect(await db.get("attachments", kept.attachmentId)).toBeUndefined();
    expect(await db.get("uploads", kept.attachmentId)).toBeUndefined();
    const sent = await viewWhere(h.engine, (view) => view.reports[0]?.questions[0]?.attachments.received === 1);
    expect(sent.reports[0]?.questions[0]).toMatchObject({ answer: "sent", attachments: { total: 1, received: 1 } });
    db.close();
  });

  it("resumes a photo upload cut off after the receipt, without sending the answer again", async () => {
    const h = await harness();
    const { reportId, questionId } = await sentReportWithQuestion(h);
    const photo = await h.engine.attachPhoto(answerDraftId(questionId), bruise(), { downscale: false });
    h.uploader.outcomes.push({ ok: false, error: "offline" });

    await h.engine.answerQuestion(reportId, questionId, "Вот фото", { photos: [photo], voice: [], documents: [] });
    await h.engine.drain.idle();

    const db = await openKuaDb();
    const [answer] = await db.getAll("answers");
    expect(answer).toMatchObject({ ciphertext: null, lastError: "offline" });
    const upload = await db.get("uploads", photo.attachmentId);
    expect(upload?.uploadUrl).toBe(`https://kua.test/api/v1/uploads/${photo.attachmentId}`);
    expect(await db.get("attachments", photo.attachmentId)).toBeDefined();

    h.timers.advance(answer!.nextAttemptAt! - h.timers.now());
    await h.engine.drain.idle();

    expect(h.intake.answerPuts()).toHaveLength(1);
    const tasks = h.uploader.tasks.filter((task) => task.attachmentId === photo.attachmentId);
    expect(tasks.map((task) => task.uploadUrl)).toEqual([null, upload?.uploadUrl]);
    expect(await db.get("uploads", photo.attachmentId)).toBeUndefined();
    expect((await db.get("answers", answer!.answerId))?.lastError).toBeNull();
    db.close();
  });

  it("refuses an answer naming a photo no longer on the phone, and an empty answer", async () => {
    const h = await harness();
    const { reportId, questionId } = await sentReportWithQuestion(h);
    const photo = await h.engine.attachPhoto(answerDraftId(questionId), bruise(), { downscale: false });
    await h.engine.removePhoto(photo.attachmentId);

    await expect(
      h.engine.answerQuestion(reportId, questionId, "", { photos: [photo], voice: [], documents: [] }),
    ).rejects.toMatchObject({ code: "photo_missing" });
    await expect(h.engine.answerQuestion(reportId, questionId, " ")).rejects.toThrow();
    // Refs enough to pass the count but not the server's 64 KiB for a sealed answer: refused before queueing.
    const many = Array.from({ length: 118 }, () => ({ ...photo, attachmentId: crypto.randomUUID() }));
    await expect(
      h.engine.answerQuestion(reportId, questionId, "", { photos: many, voice: [], documents: [] }),
    ).rejects.toMatchObject({ code: "too_many_attachments" });
    const db = await openKuaDb();
    expect(await db.getAll("answers")).toEqual([]);
    db.close();
  });

  it("deletes a photo taken for an answer and never sent once the app is opened again", async () => {
    const h = await harness();
    const { reportId, questionId } = await sentReportWithQuestion(h);
    const sent = await h.engine.attachPhoto(answerDraftId(questionId), bruise(), { downscale: false });
    h.uploader.outcomes.push({ ok: false, error: "offline" });
    await h.engine.answerQuestion(reportId, questionId, "", { photos: [sent], voice: [], documents: [] });
    await h.engine.drain.idle();
    const left = await h.engine.attachPhoto(answerDraftId(questionId), bruise(), { downscale: false });
    h.engine.drain.stop();

    const reloaded = await reopen(h);
    expect(await reloaded.unlock(PIN)).toBe(true);
    await viewWhere(reloaded, (view) => view.reports.length === 1);

    const db = await openKuaDb();
    await expect.poll(() => db.get("attachments", left.attachmentId)).toBeUndefined();
    // The queued one was not swept: the reopened drain sent it; the left one never went anywhere.
    await reloaded.drain.idle();
    expect(h.uploader.uploaded.has(sent.attachmentId)).toBe(true);
    expect(h.uploader.tasks.some((task) => task.attachmentId === left.attachmentId)).toBe(false);
    db.close();
  });
});
