/**
 * An answer's photo in the console: decrypted, its hash checked, and its provenance verified with the
 * answer's device key ("valid", "invalid" for other bytes or another key, "unsigned"); while the server
 * does not hold the original its preview stands in, or it is "not received"; a malformed ref is never
 * fetched.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64 } from "@scure/base";
import { describe, expect, it } from "vitest";

import { seal } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import type { Answer } from "../../shared/report/followups";
import { provenanceMessage } from "../../shared/report/provenance";
import type { DeviceKey, PhotoRef } from "../../shared/report/v2";
import { ApiError } from "../api";
import { reviewerKeys } from "../testing/reports";
import { allHeld, answerMedia, openAnswerPhoto } from "./answerMedia";

const ATTACHMENT = "0193a1b2-0000-7000-8000-000000000001";
const PREVIEW = "0193a1b2-0000-7000-8000-000000000002";
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(3000).fill(9)]);

function device(): { key: DeviceKey; secret: Uint8Array } {
  const secret = ed25519.utils.randomSecretKey();
  return { key: { algorithm: "Ed25519", publicKey: base64.encode(ed25519.getPublicKey(secret)) }, secret };
}

async function signedRef(bytes: Uint8Array<ArrayBuffer>, secret: Uint8Array): Promise<PhotoRef> {
  const sha256 = await sha256Hex(bytes);
  const facts = {
    attachmentId: ATTACHMENT,
    kind: "photo" as const,
    sha256,
    capturedAt: "2026-12-07T10:00:00.000+05:00",
    fileTime: null,
    signedAt: "2026-12-07T10:00:01.000+05:00",
  };
  return {
    attachmentId: ATTACHMENT,
    originalSha256: sha256,
    sealedSha256: sha256,
    capturedAt: facts.capturedAt,
    fileTime: null,
    downscaled: false,
    width: null,
    height: null,
    mime: "image/jpeg",
    bytes: bytes.length,
    source: "camera",
    previewAttachmentId: null,
    signature: { signedAt: facts.signedAt, value: base64.encode(ed25519.sign(provenanceMessage(facts), secret)) },
  };
}

const answerWith = (photos: unknown[], key: DeviceKey | null): Answer => ({
  format: "kua.answer",
  version: 1,
  reportId: "r",
  questionId: "q",
  answerId: "a",
  text: "",
  writtenAt: "2026-12-07T10:01:00.000+05:00",
  media: { photos: photos as PhotoRef[], voice: [], documents: [] },
  device: key,
});

describe("a photo sent with an answer, in the console", () => {
  it("opens with the hash checked and the phone's signature verified", async () => {
    const me = await reviewerKeys();
    const phone = device();
    const ref = await signedRef(jpeg, phone.secret);
    const ciphertext = await seal(jpeg, [me.recipient]);
    const fetched = (id: string): Promise<Uint8Array> =>
      id === ATTACHMENT ? Promise.resolve(ciphertext) : Promise.reject(new Error(id));

    const opened = await openAnswerPhoto(fetched, me.identity, answerWith([ref], phone.key), ref);
    if (opened.kind !== "original") throw new Error(`expected the original, got ${opened.kind}`);
    expect(opened.photo.bytes).toEqual(jpeg);
    expect(opened.verdict).toEqual({ hashOk: true, provenance: "valid" });

    const other = await openAnswerPhoto(fetched, me.identity, answerWith([ref], device().key), ref);
    expect(other.kind === "original" && other.verdict.provenance).toBe("invalid");
    const unsigned = await openAnswerPhoto(fetched, me.identity, answerWith([ref], null), ref);
    expect(unsigned.kind === "original" && unsigned.verdict.provenance).toBe("unsigned");
  });

  it("flags other bytes under a valid-looking ref", async () => {
    const me = await reviewerKeys();
    const phone = device();
    const ref = await signedRef(jpeg, phone.secret);
    const swapped = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const ciphertext = await seal(swapped, [me.recipient]);
    const opened = await openAnswerPhoto(
      () => Promise.resolve(ciphertext),
      me.identity,
      answerWith([ref], phone.key),
      ref,
    );
    expect(opened.kind === "original" && opened.verdict).toEqual({ hashOk: false, provenance: "invalid" });
  });

  it("shows the preview while the original is on its way, and 'not received' before either", async () => {
    const me = await reviewerKeys();
    const preview = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 4, 4, 4]);
    const ref = { ...(await signedRef(jpeg, device().secret)), previewAttachmentId: PREVIEW };
    const sealedPreview = await seal(preview, [me.recipient]);
    const held = new Set<string>();
    const fetched = (id: string): Promise<Uint8Array> =>
      held.has(id)
        ? Promise.resolve(sealedPreview)
        : Promise.reject(new ApiError(404, "not_found", "No such attachment."));

    expect(await openAnswerPhoto(fetched, me.identity, answerWith([ref], null), ref)).toEqual({ kind: "not_received" });
    held.add(PREVIEW);
    expect(await openAnswerPhoto(fetched, me.identity, answerWith([ref], null), ref)).toEqual({
      kind: "preview",
      bytes: preview,
      type: "image/jpeg",
    });
  });

  it("lists only refs that name an attachment and a hash", async () => {
    const ref = await signedRef(jpeg, device().secret);
    const badPreview = { ...ref, previewAttachmentId: "../../reports" };
    const media = answerMedia(answerWith([ref, { attachmentId: "../../reports" }, badPreview, null], null));
    expect(media.photos).toEqual([ref]);
    expect(answerMedia(null)).toEqual({ photos: [], voice: [], documents: [] });
  });

  it("knows all papers are held when the server says it holds each, without downloading any", async () => {
    const asked: (readonly string[])[] = [];
    const held = new Set(["p1", "p2"]);
    const askHeld = (ids: readonly string[]): Promise<string[]> => {
      asked.push(ids);
      return Promise.resolve(ids.filter((id) => held.has(id)));
    };
    expect(await allHeld(askHeld, ["p1", "p2", "pdf"])).toBe(false);
    held.add("pdf");
    expect(await allHeld(askHeld, ["p1", "p2", "pdf"])).toBe(true);
    expect(asked).toEqual([
      ["p1", "p2", "pdf"],
      ["p1", "p2", "pdf"],
    ]);
    expect(await allHeld(askHeld, [])).toBe(true);
    await expect(allHeld(() => Promise.reject(new ApiError(500, "http_500", "Broke.")), ["x"])).rejects.toThrow();
  });
});
