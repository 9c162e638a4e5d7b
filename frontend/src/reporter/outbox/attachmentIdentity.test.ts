/**
 * One recipient per report (docs/crypto.md): every attachment of a draft is sealed to the draft's own
 * attachment identity, whose secret travels only inside the report sealed to the list. A file's
 * header holds one stanza however many reviewers the list names.
 */
import "fake-indexeddb/auto";

import { generateHybridIdentity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";

import { open } from "../../shared/crypto";
import { parseAgeHeader } from "../../shared/crypto/ageHeader";
import { rootKeyPair, signList } from "../../shared/crypto/testing/signing";
import { openKuaDb } from "../store/db";
import { completeDraft, draftAttachmentIdentity, harness, reopen, submittedReport } from "./testing/harness";
import { storedAgeFile } from "./testing/stored";

const photoBytes = new TextEncoder().encode("JPEG bytes of a bruise on the left forearm");
const photo = (): Blob => new Blob([photoBytes], { type: "image/jpeg" });

async function sealedAttachment(attachmentId: string): Promise<Uint8Array<ArrayBuffer>> {
  const db = await openKuaDb();
  const ageFile = await storedAgeFile(db, attachmentId);
  db.close();
  if (!ageFile) throw new Error(`attachment ${attachmentId} is not on the phone`);
  return ageFile;
}

/** A harness whose shipped list names `count` post-quantum reviewers (the first is `h.reviewer`). */
async function pqHarness(count: number) {
  const reviewers = await Promise.all(
    Array.from({ length: count }, async () => {
      const identity = await generateHybridIdentity();
      return { identity, recipient: await identityToRecipient(identity) };
    }),
  );
  const roots = [rootKeyPair(), rootKeyPair(), rootKeyPair()];
  const deployment = {
    development: true,
    appName: "Test",
    rootPublicKeys: roots.map((root) => root.publicKey),
    threshold: 2,
    recipientList: signList({ seq: 1, recipients: reviewers.map((r) => r.recipient) }, roots.slice(0, 2)),
    quickExitUrl: "/exit.html",
  };
  const h = await harness({ deployment });
  return Object.assign(h, { reviewer: reviewers[0]!, roots, deployment });
}

describe("a report's attachments sealed to the report's own recipient", () => {
  it("opens a photo with the identity inside the submitted report, not with a reviewer's key alone", async () => {
    const h = await harness();
    h.online = false;
    h.intake.defaultAnswer = "network_error";
    const draft = completeDraft(h);

    const ref = await h.engine.attachPhoto(draft.draftId, photo(), { downscale: false });
    const reportId = await h.engine.submit({ ...draft, otherPhotos: [ref] });

    const ciphertext = await sealedAttachment(ref.attachmentId);
    expect(parseAgeHeader(ciphertext).stanzas).toHaveLength(1);
    await expect(open(ciphertext, [h.reviewer.identity])).rejects.toThrow();
    const report = await submittedReport(h, reportId);
    expect(report.attachmentIdentity).toMatch(/^AGE-SECRET-KEY-1/); // the list is X25519: so is the identity
    expect(await open(ciphertext, [report.attachmentIdentity!])).toEqual(photoBytes);
  });

  it("keeps a header of one post-quantum stanza, under 2 KB, for a list of 20 reviewers", async () => {
    const h = await pqHarness(20);
    h.online = false;
    h.intake.defaultAnswer = "network_error";
    const draft = completeDraft(h);

    const ref = await h.engine.attachPhoto(draft.draftId, photo(), { downscale: false });
    const reportId = await h.engine.submit({ ...draft, otherPhotos: [ref] });

    const header = parseAgeHeader(await sealedAttachment(ref.attachmentId));
    expect(header.stanzas.map((stanza) => stanza.args[0])).toEqual(["mlkem768x25519"]);
    expect(header.payloadOffset).toBeLessThanOrEqual(2048);
    const report = await submittedReport(h, reportId);
    expect(report.attachmentIdentity).toMatch(/^AGE-SECRET-KEY-PQ-1/);
    expect(await open(await sealedAttachment(ref.attachmentId), [report.attachmentIdentity!])).toEqual(photoBytes);
  });

  it("seals every attachment of a draft to one identity, kept through saves that lack it and a reload", async () => {
    const h = await harness();
    h.online = false;
    h.intake.defaultAnswer = "network_error";
    const draft = completeDraft(h);
    await h.engine.saveDraft(draft);

    const first = await h.engine.attachPhoto(draft.draftId, photo(), { downscale: false });
    // The screens save the draft they hold, which never carries the identity.
    await h.engine.saveDraft({ ...draft, otherPhotos: [first] });
    const kept = await draftAttachmentIdentity(h, { ...draft, otherPhotos: [first] });
    const engine = await reopen(h);
    const [stored] = await engine.listDrafts();
    expect(stored?.attachmentIdentity).toBe(kept);
    await engine.saveDraft({ ...draft, otherPhotos: [first], account: "Забрали обоих братьев." });
    const second = await engine.attachPhoto(draft.draftId, photo(), { downscale: false });
    const reportId = await engine.submit({ ...draft, otherPhotos: [first, second] });

    expect((await submittedReport(h, reportId)).attachmentIdentity).toBe(kept);
    for (const ref of [first, second]) {
      expect(await open(await sealedAttachment(ref.attachmentId), [kept])).toEqual(photoBytes);
    }
    // After Send the phone keeps the identity only inside the sealed report: the draft is gone.
    const db = await openKuaDb();
    expect(await db.count("drafts")).toBe(0);
    db.close();
  });

  it("keeps the identity when the app locks and the screens save the draft without it, and through a PIN change", async () => {
    const h = await harness();
    h.online = false;
    h.intake.defaultAnswer = "network_error";
    await h.engine.setPin("493817");
    const draft = completeDraft(h);
    const photo1 = await h.engine.attachPhoto(draft.draftId, photo(), { downscale: false });
    const kept = await draftAttachmentIdentity(h, { ...draft, otherPhotos: [photo1] });

    // The app locks (a quick exit, the auto-lock); the screens' last save lands after it, sealed to the owner key
    h.engine.lockNow();
    await h.engine.saveDraft({ ...draft, otherPhotos: [photo1], account: "Сказали, что отпустят вечером." });
    expect(await h.engine.unlock("493817")).toBe(true);
    await h.engine.setPin("correct horse battery staple");

    const engine = await reopen(h);
    expect(await engine.unlock("correct horse battery staple")).toBe(true);
    const [stored] = await engine.listDrafts();
    expect(stored?.account).toBe("Сказали, что отпустят вечером.");
    expect(stored?.attachmentIdentity).toBe(kept);
    expect(await open(await sealedAttachment(photo1.attachmentId), [kept])).toEqual(photoBytes);
  });

  it("keeps the identity of a draft begun on the lock screen once the PIN is entered", async () => {
    const h = await harness();
    await h.engine.setPin("493817");
    h.engine.lockNow();
    const draft = completeDraft(h);

    const ref = await h.engine.attachPhoto(draft.draftId, photo(), { downscale: false });
    await h.engine.saveDraft({ ...draft, otherPhotos: [ref] });
    const engine = await reopen(h);
    expect(await engine.unlock("493817")).toBe(true);
    const [stored] = await engine.listDrafts();

    expect(stored?.otherPhotos).toEqual([ref]);
    expect(await open(await sealedAttachment(ref.attachmentId), [stored!.attachmentIdentity!])).toEqual(photoBytes);
  });

  it("leaves a report without attachments without an identity", async () => {
    const h = await harness();
    h.online = false;
    h.intake.defaultAnswer = "network_error";

    const reportId = await h.engine.submit(completeDraft(h));

    expect((await submittedReport(h, reportId)).attachmentIdentity).toBeUndefined();
  });
});
