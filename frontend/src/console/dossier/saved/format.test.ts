/**
 * A saved appeal draft is a `kua.draft` document sealed to every listed reviewer: it opens for each of
 * them, the server's bytes hold none of its text, and whatever is not a well-formed version 1 document
 * is set aside with a one-sentence problem instead of being shown (or crashing the dossier).
 */
import { base64 } from "@scure/base";
import { beforeAll, describe, expect, it } from "vitest";

import type { RecipientList } from "../../../shared/crypto";
import type { SavedDraft } from "../../apiTypes";
import { sealText, TooLongError } from "../../sealed/text";
import { reviewerKeys } from "../../testing/reports";
import { draftKey, DraftFormatError, openDrafts, parseDraft, sealDraft, type DraftContent } from "./format";

type Keys = { identity: string; recipient: string };
let amina: Keys;
let bakyt: Keys;
let outsider: Keys;

beforeAll(async () => {
  [amina, bakyt, outsider] = [await reviewerKeys(), await reviewerKeys(), await reviewerKeys()];
});

const listOf = (...entries: Keys[]): RecipientList => ({
  version: 1,
  seq: 1,
  issuedAt: new Date(),
  notBefore: new Date(),
  notAfter: new Date(),
  recipientType: "x25519",
  recipients: entries.map((keys, i) => ({ keyId: String(i), name: `Reviewer ${i}`, recipient: keys.recipient })),
});

const prosecutor: DraftContent = {
  addressee: "prosecutor",
  language: "ru",
  variant: null,
  text: "Генеральному прокурору Республики Казахстан\n\nПрошу зарегистрировать в ЕРДР…",
};

function saved(version: number, ciphertext: Uint8Array, author = "a1"): SavedDraft {
  return {
    draft_id: `d${version}`,
    case_id: "c1",
    version,
    author_id: author,
    created_at: "2026-12-07T10:00:00Z",
    size: ciphertext.length,
    ciphertext: base64.encode(ciphertext),
  };
}

const document = (changes: Record<string, unknown> = {}): string =>
  JSON.stringify({ format: "kua.draft", version: 1, ...prosecutor, ...changes });

describe("a sealed draft", () => {
  it("opens for every listed reviewer as the document it was, and its bytes hold none of the text", async () => {
    const sealed = await sealDraft(prosecutor, listOf(amina, bakyt));
    expect(new TextDecoder("latin1").decode(sealed)).not.toContain("ЕРДР");
    expect(new TextDecoder("latin1").decode(sealed)).not.toContain("kua.draft");
    for (const reader of [amina, bakyt]) {
      const [opened] = await openDrafts([saved(1, sealed)], reader.identity);
      expect(opened!.problem).toBeNull();
      expect(opened!.draft).toEqual({ format: "kua.draft", version: 1, ...prosecutor });
      const { ciphertext, ...meta } = saved(1, sealed);
      expect(opened!.meta).toEqual(meta);
      expect(ciphertext).toBe(base64.encode(sealed));
    }
  });

  it("may pass a note's 64 KiB, up to the server's 256 KiB", async () => {
    const long = await sealDraft({ ...prosecutor, text: "ж".repeat(60_000) }, listOf(amina));
    expect(long.length).toBeGreaterThan(64 * 1024);
    await expect(sealDraft({ ...prosecutor, text: "ж".repeat(140_000) }, listOf(amina))).rejects.toThrow(TooLongError);
  });

  it("that does not open with the reader's key is set aside, the others still open", async () => {
    const mine = await sealDraft(prosecutor, listOf(amina));
    const theirs = await sealDraft(prosecutor, listOf(outsider));
    const opened = await openDrafts([saved(1, theirs), saved(2, mine)], amina.identity);
    expect(opened.map((entry) => entry.problem)).toEqual(["The saved draft does not open with this key.", null]);
    expect(opened[0]!.draft).toBeNull();
    expect(opened[1]!.draft?.text).toBe(prosecutor.text);
  });
});

describe("reading a saved draft", () => {
  it("is keyed by language, addressee and kind of UN communication", () => {
    expect(draftKey(prosecutor)).toBe("ru:prosecutor:");
    expect(draftKey({ language: "en", addressee: "un", variant: "allegation_letter" })).toBe("en:un:allegation_letter");
  });

  it("accepts both addressees and every kind of UN communication", () => {
    expect(parseDraft(document()).addressee).toBe("prosecutor");
    for (const variant of ["urgent_appeal", "allegation_letter", null]) {
      expect(parseDraft(document({ addressee: "un", language: "en", variant })).variant).toBe(variant);
    }
  });

  it.each([
    ["not JSON", "Прошу провести проверку", "not JSON"],
    ["not an object", "[1, 2]", "not a JSON object"],
    ["another format", JSON.stringify({ format: "kua.people-map", version: 1 }), "not a kua.draft"],
    ["a newer version", document({ version: 2 }), "format version 2"],
    ["an unknown field", document({ footnotes: [] }), "unknown fields: footnotes"],
    ["an unknown addressee", document({ addressee: "court" }), "addressee"],
    ["an unknown language", document({ language: "kk" }), "language"],
    ["a UN kind on the prosecutor's draft", document({ variant: "urgent_appeal" }), "kind of appeal"],
    ["an unknown UN kind", document({ addressee: "un", variant: "press_release" }), "kind of appeal"],
    ["no text", document({ text: 42 }), "no text"],
  ])("refuses %s with one sentence", (_what, plaintext, says) => {
    expect(() => parseDraft(plaintext)).toThrow(DraftFormatError);
    expect(() => parseDraft(plaintext)).toThrow(says);
  });

  it("sets a well-sealed draft of an unknown format aside with its problem, never throwing", async () => {
    const list = listOf(amina);
    const strange = await sealText(document({ version: 7 }), list);
    const good = await sealDraft(prosecutor, list);
    const opened = await openDrafts([saved(1, strange), saved(2, good)], amina.identity);
    expect(opened[0]).toMatchObject({ draft: null, problem: "The saved draft has format version 7, not 1." });
    expect(opened[1]!.draft?.text).toBe(prosecutor.text);
  });
});
