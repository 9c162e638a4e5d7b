import { ed25519 } from "@noble/curves/ed25519.js";
import { base64 } from "@scure/base";
import { generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { beforeAll, describe, expect, it } from "vitest";

import {
  RecipientListError,
  SIGNATURE_CONTEXT,
  recipientKeyId,
  verifyRecipientList,
  type RecipientListErrorCode,
  type VerifyOptions,
} from "./recipientList";
import { encodeRootPublicKey } from "./rootKey";

interface RootKey {
  secretKey: Uint8Array;
  publicKey: string;
}

function rootKey(): RootKey {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey: encodeRootPublicKey(publicKey) };
}

const roots = [rootKey(), rootKey(), rootKey()];
const stranger = rootKey();
const options: VerifyOptions = {
  rootPublicKeys: roots.map((root) => root.publicKey),
  threshold: 2,
  minSeq: 7,
  now: new Date("2026-12-01T00:00:00Z"),
};

let pqRecipients: string[] = [];
let x25519Recipient = "";

beforeAll(async () => {
  pqRecipients = [
    await identityToRecipient(await generateHybridIdentity()),
    await identityToRecipient(await generateHybridIdentity()),
  ];
  x25519Recipient = await identityToRecipient(await generateX25519Identity());
});

/** The same text with another (valid bech32) last character: the checksum no longer matches. */
function withOtherLastCharacter(text: string): string {
  return text.slice(0, -1) + (text.endsWith("q") ? "p" : "q");
}

function entry(recipient: string, name = "Reviewer"): Record<string, unknown> {
  return { key_id: recipientKeyId(recipient), name, recipient };
}

function list(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: "kua.recipient-list",
    version: 1,
    seq: 7,
    issued_at: "2026-11-25T09:00:00Z",
    not_before: "2026-11-25T09:00:00Z",
    not_after: "2027-05-24T09:00:00Z",
    recipients: pqRecipients.map((recipient, i) => entry(recipient, `Reviewer ${i + 1}`)),
    ...overrides,
  };
}

/** The coalition's root key holders sign a payload (given as the list or as raw text). */
function signed(
  payload: Record<string, unknown> | string,
  signers: RootKey[] = roots.slice(0, 2),
  envelopeOverrides: Record<string, unknown> = {},
): string {
  const payloadBytes = new TextEncoder().encode(typeof payload === "string" ? payload : JSON.stringify(payload));
  const message = new Uint8Array([...new TextEncoder().encode(SIGNATURE_CONTEXT), ...payloadBytes]);
  return JSON.stringify({
    format: "kua.recipient-list.signed",
    version: 1,
    payload: base64.encode(payloadBytes),
    signatures: signers.map((signer) => ({
      root_key: signer.publicKey,
      signature: base64.encode(ed25519.sign(message, signer.secretKey)),
    })),
    ...envelopeOverrides,
  });
}

function refusal(signedList: string | Uint8Array, opts: VerifyOptions = options): RecipientListErrorCode {
  try {
    verifyRecipientList(signedList, opts);
  } catch (error) {
    if (error instanceof RecipientListError) {
      return error.code;
    }
    throw error;
  }
  throw new Error("the recipient list was accepted");
}

describe("a phone verifying the recipient list", () => {
  it("accepts a list signed by k pinned root keys", () => {
    const verified = verifyRecipientList(signed(list()), options);
    expect(verified.seq).toBe(7);
    expect(verified.recipientType).toBe("pq");
    expect(verified.recipients.map((r) => r.recipient)).toEqual(pqRecipients);
    expect(verified.recipients[0]?.name).toBe("Reviewer 1");
    expect(verified.recipients[0]?.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(verified.notAfter.toISOString()).toBe("2027-05-24T09:00:00.000Z");
  });

  it("accepts the envelope as bytes, more signatures than needed, and a repeated signer", () => {
    expect(verifyRecipientList(new TextEncoder().encode(signed(list())), options).seq).toBe(7);
    expect(verifyRecipientList(signed(list(), roots), options).seq).toBe(7);
    const [first, second] = roots as [RootKey, RootKey, RootKey];
    expect(verifyRecipientList(signed(list(), [first, first, second]), options).seq).toBe(7);
  });

  it("accepts a list of X25519 recipients and a higher seq", () => {
    const verified = verifyRecipientList(signed(list({ seq: 8, recipients: [entry(x25519Recipient)] })), options);
    expect(verified.recipientType).toBe("x25519");
  });

  it("accepts a list at the very start of its validity window", () => {
    expect(verifyRecipientList(signed(list()), { ...options, now: new Date("2026-11-25T09:00:00Z") }).seq).toBe(7);
  });

  it.each<[string, () => string]>([
    ["not JSON", () => "{"],
    ["a JSON array", () => "[]"],
    ["another envelope format", () => signed(list(), undefined, { format: "kua.other" })],
    ["another envelope version", () => signed(list(), undefined, { version: 2 })],
    ["an extra envelope field", () => signed(list(), undefined, { comment: "hi" })],
    ["a payload that is not base64", () => signed(list(), undefined, { payload: "not base64!" })],
    ["signatures that are not a list", () => signed(list(), undefined, { signatures: {} })],
    [
      "a signature that is not 64 bytes",
      () => signed(list(), undefined, { signatures: [{ root_key: roots[0]?.publicKey, signature: "AAAA" }] }),
    ],
    [
      "a root key that is not kuaroot1",
      () =>
        signed(list(), undefined, {
          signatures: [{ root_key: "age1xyz", signature: base64.encode(new Uint8Array(64)) }],
        }),
    ],
    ["a payload that is not JSON", () => signed("not json")],
    ["another list format", () => signed(list({ format: "kua.recipients" }))],
    ["another list version", () => signed(list({ version: 2 }))],
    ["a missing field", () => signed(list({ issued_at: undefined }))],
    ["an extra field", () => signed(list({ extra: 1 }))],
    ["seq zero", () => signed(list({ seq: 0 }))],
    ["seq fractional", () => signed(list({ seq: 7.5 }))],
    ["seq as a string", () => signed(list({ seq: "7" }))],
    ["a time without Z", () => signed(list({ not_after: "2027-05-24T09:00:00+00:00" }))],
    ["an impossible date", () => signed(list({ not_after: "2027-02-30T09:00:00Z" }))],
    ["not_before after not_after", () => signed(list({ not_before: "2027-06-01T00:00:00Z" }))],
    ["not_before equal to not_after", () => signed(list({ not_before: "2027-05-24T09:00:00Z" }))],
    ["no recipients", () => signed(list({ recipients: [] }))],
    [
      "mixed recipient types",
      () => signed(list({ recipients: [entry(pqRecipients[0] ?? ""), entry(x25519Recipient)] })),
    ],
    ["a duplicate recipient", () => signed(list({ recipients: [entry(x25519Recipient), entry(x25519Recipient)] }))],
    ["a wrong key_id", () => signed(list({ recipients: [{ ...entry(x25519Recipient), key_id: "0000000000000000" }] }))],
    [
      "an upper-case key_id",
      () =>
        signed(
          list({ recipients: [{ ...entry(x25519Recipient), key_id: recipientKeyId(x25519Recipient).toUpperCase() }] }),
        ),
    ],
    ["an empty name", () => signed(list({ recipients: [entry(x25519Recipient, "")] }))],
    ["a recipient that is not age", () => signed(list({ recipients: [entry("ssh-ed25519 AAAA")] }))],
    [
      "an invalid recipient checksum",
      () => signed(list({ recipients: [entry(withOtherLastCharacter(x25519Recipient))] })),
    ],
  ])("refuses %s as malformed", (_, build) => {
    expect(refusal(build())).toBe("malformed");
  });

  it("refuses a signature by a key that is not pinned, even next to enough good ones", () => {
    expect(refusal(signed(list(), [...roots, stranger]))).toBe("unknown_signer");
  });

  it("refuses a pinned key's signature that does not verify", () => {
    const [first, second] = roots as [RootKey, RootKey, RootKey];
    const forged = signed(list(), [first, { ...second, secretKey: stranger.secretKey }]);
    expect(refusal(forged)).toBe("bad_signature");
    const reused = JSON.parse(signed(list())) as { payload: string };
    reused.payload = base64.encode(new TextEncoder().encode(JSON.stringify(list({ seq: 99 }))));
    expect(refusal(JSON.stringify(reused))).toBe("bad_signature");
  });

  it("refuses fewer than k distinct signers", () => {
    const [first] = roots as [RootKey, RootKey, RootKey];
    expect(refusal(signed(list(), [first]))).toBe("too_few_signatures");
    expect(refusal(signed(list(), [first, first]))).toBe("too_few_signatures");
    expect(refusal(signed(list(), []))).toBe("too_few_signatures");
  });

  it("refuses a lower seq than one already accepted (rollback)", () => {
    expect(refusal(signed(list({ seq: 6 })))).toBe("rollback");
  });

  it("refuses a list outside its validity window", () => {
    expect(refusal(signed(list()), { ...options, now: new Date("2026-11-25T08:59:59Z") })).toBe("not_yet_valid");
    expect(refusal(signed(list()), { ...options, now: new Date("2027-05-24T09:00:00Z") })).toBe("expired");
  });

  it("checks signatures before rollback, and rollback before the validity window", () => {
    const [first] = roots as [RootKey, RootKey, RootKey];
    const old = list({ seq: 1, not_after: "2026-11-26T00:00:00Z" });
    expect(refusal(signed(old, [first]))).toBe("too_few_signatures");
    expect(refusal(signed(old))).toBe("rollback");
    expect(refusal(signed(list({ not_after: "2026-11-26T00:00:00Z" })))).toBe("expired");
  });

  it("rejects a misconfigured verifier", () => {
    expect(() => verifyRecipientList(signed(list()), { ...options, rootPublicKeys: [] })).toThrow(TypeError);
    expect(() => verifyRecipientList(signed(list()), { ...options, threshold: 0 })).toThrow(TypeError);
    expect(() => verifyRecipientList(signed(list()), { ...options, rootPublicKeys: ["kuaroot1x"] })).toThrow(TypeError);
  });
});
