/**
 * Provenance signed on the phone (docs/threat-model.md, "Provenance"): each installed app has an
 * Ed25519 device key; when a photo, a recording, a page or a file is captured, the phone signs its
 * SHA-256 with the phone's clock at capture, the file's own time and the clock at signing. The
 * public key travels in the sealed report (`device`), the signature in the attachment's ref, so
 * neither is visible outside the encryption. The console verifies the signature against the
 * decrypted bytes' SHA-256 and groups reports signed by the same key.
 *
 * This file builds the message only, so the phone's first load carries no curve code; the console
 * verifies with src/shared/report/provenanceCheck.ts.
 *
 * The message is line-based UTF-8, never JSON, so both sides build the same bytes without a
 * canonical JSON: "kua.provenance/1", then one `name value` line per field, "-" for null.
 */

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
