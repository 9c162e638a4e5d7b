/**
 * Opening a recording: its age file decrypted with the unlocked identity, the SHA-256 of the bytes
 * checked against the report's `voiceRef.sha256`, and the phone's signature verified over them.
 */
import { open } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import { verifyProvenance, type ProvenanceVerdict } from "../../shared/report/provenanceCheck";
import type { DeviceKey, VoiceRef } from "../../shared/report/v2";

export interface OpenVoice {
  bytes: Uint8Array<ArrayBuffer>;
  hashOk: boolean;
  provenance: ProvenanceVerdict;
}

export async function openVoice(
  ciphertext: Uint8Array,
  identities: readonly string[],
  ref: VoiceRef,
  device: DeviceKey | null | undefined,
): Promise<OpenVoice> {
  const bytes = new Uint8Array(await open(ciphertext, identities));
  const sha256 = await sha256Hex(bytes);
  const provenance = verifyProvenance(device, ref.signature, {
    attachmentId: ref.attachmentId,
    kind: "voice",
    sha256,
    capturedAt: ref.capturedAt,
    fileTime: null,
  });
  return { bytes, hashOk: sha256 === ref.sha256.toLowerCase(), provenance };
}

/** The playable type: the ref's, reduced to what <audio> accepts for a Blob ("audio/webm", ...). */
export function audioType(ref: VoiceRef): string {
  return ref.mime.startsWith("audio/") ? ref.mime : "application/octet-stream";
}
