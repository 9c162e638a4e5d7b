/**
 * Verification of the signed recipient list, version 1 (docs/crypto.md, "Recipient list").
 *
 * A phone seals reports only to a list that k of the n root keys pinned in the app build signed.
 * Checks run in a fixed order so every failure has one stable code: structure (`malformed`), then
 * signatures (`unknown_signer`, `bad_signature`, `too_few_signatures`), then `rollback`, then the
 * validity window (`not_yet_valid`, `expired`).
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes } from "@noble/hashes/utils.js";
import { base64 } from "@scure/base";

import { RecipientListError } from "./recipientListError";
import { RecipientError, recipientType, type RecipientType } from "./recipientType";
import { decodeRootPublicKey } from "./rootKey";
import { parseUtcTime } from "./utcTime";

export { RecipientListError, type RecipientListErrorCode } from "./recipientListError";

/** Domain separation prefix of every recipient list signature. */
export const SIGNATURE_CONTEXT = "kua.recipient-list.v1\n";

/** One reviewer's entry in the list. */
export interface RecipientListEntry {
  readonly keyId: string;
  readonly name: string;
  readonly recipient: string;
}

/** A verified recipient list: the recipients a report may be sealed to. */
export interface RecipientList {
  readonly version: 1;
  readonly seq: number;
  readonly issuedAt: Date;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly recipientType: RecipientType;
  readonly recipients: readonly RecipientListEntry[];
}

/** What a list is verified against: pinned root keys, threshold k, highest seq accepted, clock. */
export interface VerifyOptions {
  readonly rootPublicKeys: readonly string[];
  readonly threshold: number;
  readonly minSeq: number;
  readonly now: Date;
}

interface Envelope {
  readonly payload: Uint8Array;
  readonly signatures: readonly { readonly rootKey: Uint8Array; readonly signature: Uint8Array }[];
}

interface Times {
  readonly issuedAt: number;
  readonly notBefore: number;
  readonly notAfter: number;
}

/** A parsed, not yet verified list, its times kept as (possibly fractional) epoch milliseconds. */
type ParsedList = Omit<RecipientList, "issuedAt" | "notBefore" | "notAfter"> & Times;

type JsonObject = Record<string, unknown>;

const ENVELOPE_KEYS = ["format", "version", "payload", "signatures"];
const SIGNATURE_KEYS = ["root_key", "signature"];
const LIST_KEYS = ["format", "version", "seq", "issued_at", "not_before", "not_after", "recipients"];
const ENTRY_KEYS = ["key_id", "name", "recipient"];
const SIGNATURE_LENGTH = 64;

function malformed(message: string): RecipientListError {
  return new RecipientListError("malformed", message);
}

/** Requires a JSON object with exactly the fields `keys`, no more, no fewer. */
function objectWithKeys(value: unknown, keys: readonly string[], what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw malformed(`The ${what} is not a JSON object.`);
  }
  const actual = Object.keys(value).sort();
  const expected = [...keys].sort();
  if (actual.length !== expected.length || actual.some((key, i) => key !== expected[i])) {
    throw malformed(`The ${what} must have exactly the fields ${keys.join(", ")}.`);
  }
  return value as JsonObject;
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    throw malformed(`The ${what} is not UTF-8 JSON.`);
  }
}

function decodeBase64(value: unknown, what: string): Uint8Array {
  if (typeof value !== "string") {
    throw malformed(`The ${what} is not a base64 string.`);
  }
  try {
    return base64.decode(value);
  } catch {
    throw malformed(`The ${what} is not canonical standard base64.`);
  }
}

function parseEnvelope(signed: string | Uint8Array): Envelope {
  const bytes = typeof signed === "string" ? new TextEncoder().encode(signed) : signed;
  const envelope = objectWithKeys(parseJson(bytes, "signed envelope"), ENVELOPE_KEYS, "signed envelope");
  if (envelope["format"] !== "kua.recipient-list.signed" || envelope["version"] !== 1) {
    throw malformed("The envelope is not a kua.recipient-list.signed version 1.");
  }
  const payload = decodeBase64(envelope["payload"], "payload");
  const signatures = envelope["signatures"];
  if (!Array.isArray(signatures)) {
    throw malformed("The envelope's signatures are not a list.");
  }
  return {
    payload,
    signatures: signatures.map((entry: unknown) => {
      const fields = objectWithKeys(entry, SIGNATURE_KEYS, "signature entry");
      const rootKeyText = fields["root_key"];
      const rootKey = typeof rootKeyText === "string" ? decodeRootPublicKey(rootKeyText) : null;
      if (rootKey === null) {
        throw malformed("A signature's root_key is not a kuaroot1... public key.");
      }
      const signature = decodeBase64(fields["signature"], "signature");
      if (signature.length !== SIGNATURE_LENGTH) {
        throw malformed(`A signature is not ${SIGNATURE_LENGTH} bytes.`);
      }
      return { rootKey, signature };
    }),
  };
}

function parseTimes(list: JsonObject): Times {
  const [issuedAt, notBefore, notAfter] = ["issued_at", "not_before", "not_after"].map((field) => {
    const value = list[field];
    const time = typeof value === "string" ? parseUtcTime(value) : null;
    if (time === null) {
      throw malformed(`The list's ${field} is not an RFC 3339 UTC time ending in Z.`);
    }
    return time;
  }) as [number, number, number];
  if (!(notBefore < notAfter)) {
    throw malformed("The list's not_before is not before its not_after.");
  }
  return { issuedAt, notBefore, notAfter };
}

/** The first 16 hex digits of SHA-256 of the recipient string. */
export function recipientKeyId(recipient: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(recipient))).slice(0, 16);
}

function parseEntry(value: unknown): RecipientListEntry & { type: RecipientType } {
  const entry = objectWithKeys(value, ENTRY_KEYS, "recipient entry");
  const { key_id: keyId, name, recipient } = entry;
  if (typeof name !== "string" || name.length === 0) {
    throw malformed("A recipient's name is not a non-empty string.");
  }
  if (typeof recipient !== "string") {
    throw malformed("A recipient is not a string.");
  }
  let type: RecipientType;
  try {
    type = recipientType(recipient);
  } catch (error) {
    if (error instanceof RecipientError) {
      throw malformed(error.message);
    }
    throw error;
  }
  if (keyId !== recipientKeyId(recipient)) {
    throw malformed("A recipient's key_id is not the first 16 hex digits of its SHA-256.");
  }
  return { keyId, name, recipient, type };
}

function parseList(payload: Uint8Array): ParsedList {
  const list = objectWithKeys(parseJson(payload, "payload"), LIST_KEYS, "recipient list");
  if (list["format"] !== "kua.recipient-list" || list["version"] !== 1) {
    throw malformed("The payload is not a kua.recipient-list version 1.");
  }
  const seq = list["seq"];
  if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 1) {
    throw malformed("The list's seq is not a positive integer.");
  }
  const times = parseTimes(list);
  const entries = list["recipients"];
  if (!Array.isArray(entries) || entries.length === 0) {
    throw malformed("The list has no recipients.");
  }
  const parsed = entries.map(parseEntry);
  const types = new Set(parsed.map((entry) => entry.type));
  if (types.size !== 1) {
    throw malformed("The list mixes X25519 and post-quantum recipients.");
  }
  if (new Set(parsed.map((entry) => entry.recipient)).size !== parsed.length) {
    throw malformed("The list names the same recipient twice.");
  }
  return {
    version: 1,
    seq,
    ...times,
    recipientType: [...types][0] as RecipientType,
    recipients: parsed.map(({ keyId, name, recipient }) => ({ keyId, name, recipient })),
  };
}

function pinnedKeys(rootPublicKeys: readonly string[]): Set<string> {
  return new Set(
    rootPublicKeys.map((text) => {
      const key = decodeRootPublicKey(text);
      if (key === null) {
        throw new TypeError(`Pinned root key ${JSON.stringify(text)} is not a kuaroot1... public key.`);
      }
      return bytesToHex(key);
    }),
  );
}

function verifies(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

function checkSignatures(envelope: Envelope, pinned: Set<string>, threshold: number): void {
  if (envelope.signatures.some(({ rootKey }) => !pinned.has(bytesToHex(rootKey)))) {
    throw new RecipientListError("unknown_signer", "The list is signed by a key that is not pinned.");
  }
  const message = concatBytes(new TextEncoder().encode(SIGNATURE_CONTEXT), envelope.payload);
  if (envelope.signatures.some(({ rootKey, signature }) => !verifies(signature, message, rootKey))) {
    throw new RecipientListError("bad_signature", "A signature by a pinned root key does not verify.");
  }
  const signers = new Set(envelope.signatures.map(({ rootKey }) => bytesToHex(rootKey)));
  if (signers.size < threshold) {
    throw new RecipientListError(
      "too_few_signatures",
      `The list has ${signers.size} valid root key signature(s); ${threshold} are needed.`,
    );
  }
}

function checkOptions({ rootPublicKeys, threshold, minSeq, now }: VerifyOptions): void {
  if (rootPublicKeys.length === 0) {
    throw new TypeError("At least one root public key must be pinned.");
  }
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new TypeError("The signature threshold must be a positive integer.");
  }
  if (!Number.isSafeInteger(minSeq) || minSeq < 0) {
    throw new TypeError("minSeq must be a non-negative integer.");
  }
  if (Number.isNaN(now.getTime())) {
    throw new TypeError("now must be a valid Date.");
  }
}

/** Verifies a signed recipient list; throws `RecipientListError` with the first failing check. */
export function verifyRecipientList(signed: string | Uint8Array, options: VerifyOptions): RecipientList {
  checkOptions(options);
  const pinned = pinnedKeys(options.rootPublicKeys);
  const envelope = parseEnvelope(signed);
  const list = parseList(envelope.payload);
  checkSignatures(envelope, pinned, options.threshold);
  if (list.seq < options.minSeq) {
    throw new RecipientListError(
      "rollback",
      `The list's seq ${list.seq} is lower than ${options.minSeq}, already accepted.`,
    );
  }
  const now = options.now.getTime();
  if (now < list.notBefore) {
    throw new RecipientListError("not_yet_valid", "The list is not valid yet (now is before not_before).");
  }
  if (now >= list.notAfter) {
    throw new RecipientListError("expired", "The list has expired (now is at or after not_after).");
  }
  const { issuedAt, notBefore, notAfter, ...rest } = list;
  return {
    ...rest,
    issuedAt: new Date(Math.floor(issuedAt)),
    notBefore: new Date(Math.floor(notBefore)),
    notAfter: new Date(Math.floor(notAfter)),
  };
}
