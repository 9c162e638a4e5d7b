/**
 * Provenance signed on the phone (docs/threat-model.md, "Provenance"): each installed app has an
 * Ed25519 device key; when a photo, a recording, a page or a file is captured, the phone signs its
 * SHA-256 with the phone's clock at capture, the file's own time and the clock at signing. The
 * public key travels in the sealed report (`device`), the signature in the attachment's ref, so
 * neither is visible outside the encryption. The console verifies the signature against the
 * decrypted bytes' SHA-256 and groups reports signed by the same key.
 *
 * The message is line-based UTF-8, never JSON, so both sides build the same bytes without a
 * canonical JSON: "kua.provenance/1", then one `name value` line per field, "-" for null.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64 } from "@scure/base";

import type { DeviceKey, ProvenanceSignature } from "./v2.gen";

export const PROVENANCE_MAGIC = "kua.provenance/1";

/** What a signature covers. */
export interface ProvenanceFacts {
  attachmentId: string;
  /** "photo", "voice", "page" (of a document), "pdf". */
  kind: "photo" | "voice" | "page" | "pdf";
  /** SHA-256 (lowercase hex) of the plaintext file as sealed: the original photo, the whole recording. */
  sha256: string;
  /** The phone's clock at capture (ISO 8601 with offset), or null. */
  capturedAt: string | null;
  /** The file's own time, or null. */
  fileTime: string | null;
  /** The phone's clock when it signed (ISO 8601 with offset). */
  signedAt: string;
}

/** The exact bytes signed. */
export function provenanceMessage(facts: ProvenanceFacts): Uint8Array<ArrayBuffer> {
  const line = (name: string, value: string | null): string => `${name} ${value ?? "-"}\n`;
  return new TextEncoder().encode(
    `${PROVENANCE_MAGIC}\n` +
      line("attachment", facts.attachmentId.toLowerCase()) +
      line("kind", facts.kind) +
      line("sha256", facts.sha256) +
      line("captured", facts.capturedAt) +
      line("file", facts.fileTime) +
      line("signed", facts.signedAt),
  );
}

/** What the console concludes about one attachment's provenance. */
export type ProvenanceVerdict =
  /** Signed by the report's device key, over these bytes. */
  | "valid"
  /** A signature that does not verify (altered ref, other bytes, other key): flag it. */
  | "invalid"
  /** No signature or no device key (older phones, a browser without Ed25519). */
  | "unsigned";

/** Verifies `signature` over `facts` (signedAt taken from the signature) with the report's `device` key. */
export function verifyProvenance(
  device: DeviceKey | null | undefined,
  signature: ProvenanceSignature | null | undefined,
  facts: Omit<ProvenanceFacts, "signedAt">,
): ProvenanceVerdict {
  if (!device || !signature) return "unsigned";
  try {
    const message = provenanceMessage({ ...facts, signedAt: signature.signedAt });
    return ed25519.verify(base64.decode(signature.value), message, base64.decode(device.publicKey))
      ? "valid"
      : "invalid";
  } catch {
    return "invalid";
  }
}
