/**
 * Granting an age file to recipients added later (docs/crypto.md, "Granting a report to a later
 * reviewer"): the file key is unwrapped from a header the granter can open and wrapped again, into a
 * new header, for the added recipients only. The payload is never touched, so the phone's bytes, their
 * SHA-256 and the reporter's receipt stay what they were; `new header || original payload` is an
 * ordinary age file for the added recipients.
 */
import { Decrypter, Encrypter, type Recipient, type Stanza } from "age-encryption";

import { AgeHeaderError, concat, encodeAgeHeader, headerMacMatches, parseAgeHeader } from "./ageHeader";
import { RecipientError, commonRecipientType } from "./recipientType";

/** The stanza type of the post-quantum hybrid recipients. */
const HYBRID_STANZA = "mlkem768x25519";

/**
 * typage's own Recipient for a recipient string (its `HybridRecipient` or `X25519Recipient`).
 *
 * age-encryption 0.3.1 exports the Recipient interface but not those classes (its package `exports`
 * is `dist/index.js` alone), and no public call wraps a given file key. `Encrypter.addRecipient`
 * builds exactly these objects from a string; they are read back from its `recipients` field. The
 * version is pinned exactly; grant.test.ts fails if this field changes.
 */
function typageRecipient(recipient: string): Recipient {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  const built = (encrypter as unknown as { recipients?: unknown }).recipients;
  const first: unknown = Array.isArray(built) ? built[0] : undefined;
  if (typeof first !== "object" || first === null || !("wrapFileKey" in first)) {
    throw new Error("This version of age-encryption does not expose its recipients: grants are impossible.");
  }
  return first as Recipient;
}

/** The file key of an age header (a file or a detached header), which `identities` must open. */
async function unwrapFileKey(header: Uint8Array, identities: readonly string[]): Promise<Uint8Array> {
  const parsed = parseAgeHeader(header);
  const decrypter = new Decrypter();
  identities.forEach((identity) => decrypter.addIdentity(identity));
  // typage unwraps with the identity's unwrapFileKey(stanzas) and checks the header MAC.
  const fileKey = await decrypter.decryptHeader(header.subarray(0, parsed.payloadOffset));
  if (!headerMacMatches(parsed, fileKey)) {
    throw new AgeHeaderError("The age header MAC does not match its file key.");
  }
  return fileKey;
}

/**
 * A new age header for `recipients` only, carrying the file key of `header` (an age file or a detached
 * header that `identities` opens). A file sealed to post-quantum recipients is never granted to X25519
 * ones (that would lose its post-quantum protection).
 */
export async function grantHeader(
  header: Uint8Array,
  identities: readonly string[],
  recipients: readonly string[],
): Promise<Uint8Array> {
  const type = commonRecipientType(recipients);
  const original = parseAgeHeader(header);
  if (type === "x25519" && original.stanzas.some((stanza) => stanza.args[0] === HYBRID_STANZA)) {
    throw new RecipientError("A file sealed post-quantum must not be granted to X25519 recipients.");
  }
  const fileKey = await unwrapFileKey(header, identities);
  try {
    const stanzas: Stanza[] = [];
    for (const recipient of recipients) {
      stanzas.push(...(await typageRecipient(recipient).wrapFileKey(fileKey)));
    }
    return encodeAgeHeader(stanzas, fileKey);
  } finally {
    fileKey.fill(0);
  }
}

/** The age file made of `header` (a grant) and the payload of `file` (its original), byte for byte. */
export function withHeader(header: Uint8Array, file: Uint8Array): Uint8Array<ArrayBuffer> {
  const headerEnd = parseAgeHeader(header).payloadOffset;
  return concat([header.subarray(0, headerEnd), file.subarray(parseAgeHeader(file).payloadOffset)]);
}

/** Whether `identities` open the header of `file` (its MAC checked); only the header is read. */
export async function headerOpens(file: Uint8Array, identities: readonly string[]): Promise<boolean> {
  try {
    (await unwrapFileKey(file, identities)).fill(0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `file` as `identities` can open it: as it is when its own header opens, else with the first of
 * `grantHeaders()` that opens (asked for only then), else as it is (opening it then fails as before).
 */
export async function openableFile<T extends Uint8Array>(
  file: T,
  identities: readonly string[],
  grantHeaders: () => Promise<readonly Uint8Array[]>,
): Promise<T | Uint8Array<ArrayBuffer>> {
  if (await headerOpens(file, identities)) {
    return file;
  }
  for (const header of await grantHeaders()) {
    if (await headerOpens(header, identities)) {
      return withHeader(header, file);
    }
  }
  return file;
}
