/**
 * The console's verdict on one decrypted photo: do its bytes hash as the report says, and does the
 * phone's signature hold over those bytes (docs/threat-model.md, "Provenance"). The signature is
 * checked against the hash of the DECRYPTED bytes, never the ref's own claim, so replaced bytes and
 * an edited ref both show as a broken signature.
 */
import { verifyProvenance, type ProvenanceVerdict } from "../../shared/report/provenanceCheck";
import type { DeviceKey, PhotoRef } from "../../shared/report/v2";

export interface PhotoVerdict {
  /** SHA-256 of the decrypted bytes equals the ref's `sealedSha256`. */
  hashOk: boolean;
  provenance: ProvenanceVerdict;
}

/** The verdict on `photo` whose decrypted bytes hash to `sha256`, in a report naming `device`. */
export function photoVerdict(photo: PhotoRef, sha256: string, device: DeviceKey | null | undefined): PhotoVerdict {
  return {
    hashOk: sha256 === photo.sealedSha256.toLowerCase(),
    provenance: verifyProvenance(device, photo.signature, {
      attachmentId: photo.attachmentId,
      kind: "photo",
      sha256,
      capturedAt: photo.capturedAt,
      fileTime: photo.fileTime,
    }),
  };
}
