/**
 * Test-only: root keys, signed recipient lists and reviewer identities, as the coalition's offline
 * tools make them (docs/crypto.md, "Recipient list"). Never imported by the app.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64 } from "@scure/base";
import { generateX25519Identity, identityToRecipient } from "age-encryption";

import { SIGNATURE_CONTEXT, encodeRootPublicKey, recipientKeyId } from "..";

/** A root key holder's Ed25519 key pair. */
export interface RootKeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: string;
}

/** A reviewer's age identity and the recipient a list names. */
export interface Reviewer {
  readonly identity: string;
  readonly recipient: string;
}

/** A fresh root key pair. */
export function rootKeyPair(): RootKeyPair {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey: encodeRootPublicKey(publicKey) };
}

/** A fresh X25519 reviewer (fast to generate; post-quantum lists are covered by src/shared/crypto tests). */
export async function reviewer(): Promise<Reviewer> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** What a test list says; validity defaults to 2026-11-25 .. 2027-05-24. */
export interface ListFields {
  readonly seq: number;
  readonly recipients: readonly string[];
  readonly notBefore?: string;
  readonly notAfter?: string;
}

/** The signed envelope of a list, signed by `signers` (tampering left to the caller). */
export function signList(fields: ListFields, signers: readonly RootKeyPair[]): string {
  const payload = new TextEncoder().encode(
    JSON.stringify({
      format: "kua.recipient-list",
      version: 1,
      seq: fields.seq,
      issued_at: fields.notBefore ?? "2026-11-25T09:00:00Z",
      not_before: fields.notBefore ?? "2026-11-25T09:00:00Z",
      not_after: fields.notAfter ?? "2027-05-24T09:00:00Z",
      recipients: fields.recipients.map((recipient, i) => ({
        key_id: recipientKeyId(recipient),
        name: `Reviewer ${i + 1}`,
        recipient,
      })),
    }),
  );
  const message = new Uint8Array([...new TextEncoder().encode(SIGNATURE_CONTEXT), ...payload]);
  return JSON.stringify({
    format: "kua.recipient-list.signed",
    version: 1,
    payload: base64.encode(payload),
    signatures: signers.map((signer) => ({
      root_key: signer.publicKey,
      signature: base64.encode(ed25519.sign(message, signer.secretKey)),
    })),
  });
}
