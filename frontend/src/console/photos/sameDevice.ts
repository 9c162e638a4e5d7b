/**
 * Reports signed by the same phone: the device key each decrypted report names. A short
 * fingerprint of the key lets reviewers compare phones across screens and printouts.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { base64 } from "@scure/base";

import type { QueueEntry } from "../queue/entries";

/** The first 8 hex characters of SHA-256 of the raw public key, as "a1b2 c3d4". */
export function keyFingerprint(publicKey: string): string {
  let hex: string;
  try {
    hex = bytesToHex(sha256(base64.decode(publicKey))).slice(0, 8);
  } catch {
    return "????";
  }
  return `${hex.slice(0, 4)} ${hex.slice(4)}`;
}

/** The other opened reports whose device key is `publicKey`, oldest received first. */
export function reportsSignedBy(entries: readonly QueueEntry[], publicKey: string, except: string): string[] {
  return entries
    .filter((entry) => entry.meta.report_id !== except && entry.full?.device?.publicKey === publicKey)
    .sort((a, b) => a.meta.received_at.localeCompare(b.meta.received_at))
    .map((entry) => entry.meta.report_id);
}
