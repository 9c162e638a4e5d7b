/**
 * Signing a just-captured attachment with the device key (src/reporter/store/deviceKey.ts), and
 * naming that key in what is sealed. Every capture path (photo, recording, page, PDF) signs here.
 */
import type { ProvenanceFacts } from "../../shared/report/provenance";
import { mediaRefs, type MediaParts } from "../../shared/report/media";
import type { DeviceKey, ProvenanceSignature } from "../../shared/report/v2";
import type { KuaDb } from "../store/db";
import { deviceSigner } from "../store/deviceKey";
import { isoWithOffset } from "./deviceTime";

/**
 * The signature over `facts` at `now` (the phone's clock at signing), or null when this browser has
 * no device key (no Ed25519): the attachment then goes unsigned, never blocked.
 */
export async function signAttachment(
  db: KuaDb,
  facts: Omit<ProvenanceFacts, "signedAt">,
  now: Date,
): Promise<ProvenanceSignature | null> {
  const signer = await deviceSigner(db);
  if (signer === null) return null;
  try {
    return await signer.sign({ ...facts, signedAt: isoWithOffset(now) });
  } catch {
    return null;
  }
}

/** The device key to name in a report or answer: the phone's, when any of its refs is signed; else null. */
export async function deviceFor(db: KuaDb, parts: MediaParts): Promise<DeviceKey | null> {
  if (!mediaRefs(parts).some((ref) => ref.signature !== null)) return null;
  return (await deviceSigner(db))?.device ?? null;
}
