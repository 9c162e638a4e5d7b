/**
 * The phone's device key (docs/threat-model.md, "Provenance"): an Ed25519 key pair made once per
 * installed app, its private half a non-extractable WebCrypto key kept in IndexedDB, so no script can
 * read it out and it leaves the phone only inside a copy of the whole browser profile. Deleting the
 * database (the wipe, the duress PIN) destroys it. Its public half is written only inside sealed
 * reports and answers. A browser without Ed25519 in WebCrypto signs nothing: its attachments read
 * as "unsigned", never as forged.
 */
import { provenanceMessage, type ProvenanceFacts } from "../../shared/report/provenance";
import type { DeviceKey, ProvenanceSignature } from "../../shared/report/v2";
import { getSetting, putSetting, type KuaDb } from "./db";

/** As stored in settings. */
export interface DeviceKeySetting {
  privateKey: CryptoKey;
  /** The raw 32-byte public key, base64. */
  publicKey: string;
}

/** Signs provenance facts with the device key. */
export interface Signer {
  readonly device: DeviceKey;
  sign(facts: ProvenanceFacts): Promise<ProvenanceSignature>;
}

const ED25519 = { name: "Ed25519" } as const;

/** Standard base64 of a few bytes (btoa: no base64 library in the phone's first load). */
function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

async function newDeviceKey(): Promise<DeviceKeySetting> {
  const pair = await crypto.subtle.generateKey(ED25519, false, ["sign", "verify"]);
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: base64(raw) };
}

let making: Promise<DeviceKeySetting | null> | null = null;

/** The device key, made on first use; null when this browser cannot make one. */
export async function deviceKey(db: KuaDb): Promise<DeviceKeySetting | null> {
  const stored = await getSetting(db, "deviceKey");
  if (stored) return stored;
  // Two attachments at once must not make two keys: the second waits for the first.
  making ??= (async () => {
    try {
      const again = await getSetting(db, "deviceKey");
      if (again) return again;
      const made = await newDeviceKey();
      await putSetting(db, "deviceKey", made);
      return made;
    } catch {
      return null;
    } finally {
      making = null;
    }
  })();
  return making;
}

/** A signer over the device key, or null (no Ed25519 here: attachments go unsigned). */
export async function deviceSigner(db: KuaDb): Promise<Signer | null> {
  const key = await deviceKey(db);
  if (key === null) return null;
  return {
    device: { algorithm: "Ed25519", publicKey: key.publicKey },
    async sign(facts: ProvenanceFacts): Promise<ProvenanceSignature> {
      const signature = await crypto.subtle.sign(ED25519, key.privateKey, provenanceMessage(facts));
      return { signedAt: facts.signedAt, value: base64(new Uint8Array(signature)) };
    },
  };
}
