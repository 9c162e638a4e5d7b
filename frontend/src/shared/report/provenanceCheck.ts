/** Verifying a provenance signature (src/shared/report/provenance.ts): the console's side. */
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64 } from "@scure/base";

import { provenanceMessage, type ProvenanceFacts } from "./provenance";
import type { DeviceKey, ProvenanceSignature } from "./v2.gen";

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
