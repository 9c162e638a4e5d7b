import "fake-indexeddb/auto";

import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";

import { verifyProvenance } from "../../shared/report/provenanceCheck";
import { openKuaDb, type KuaDb } from "./db";
import { deviceSigner } from "./deviceKey";

let db: KuaDb;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openKuaDb();
});

const facts = {
  attachmentId: "0193a6f0-0000-7000-8000-000000000001",
  kind: "photo" as const,
  sha256: "a".repeat(64),
  capturedAt: "2026-12-07T10:00:00.000+05:00",
  fileTime: null,
};

describe("the device key", () => {
  it("is made once, cannot be read out, and signs what the console verifies", async () => {
    const [one, two] = await Promise.all([deviceSigner(db), deviceSigner(db)]);
    expect(one?.device.publicKey).toBe(two?.device.publicKey);
    const stored = await db.get("settings", "deviceKey");
    expect((stored as { privateKey: CryptoKey }).privateKey.extractable).toBe(false);

    const signature = await one!.sign({ ...facts, signedAt: "2026-12-07T10:00:01.000+05:00" });
    expect(verifyProvenance(one!.device, signature, facts)).toBe("valid");
  });

  it("flags a signature over other facts, another key, or garbage; no signature is unsigned", async () => {
    const signer = (await deviceSigner(db))!;
    const signature = await signer.sign({ ...facts, signedAt: "2026-12-07T10:00:01.000+05:00" });
    expect(verifyProvenance(signer.device, signature, { ...facts, sha256: "b".repeat(64) })).toBe("invalid");
    expect(verifyProvenance(signer.device, signature, { ...facts, capturedAt: "2026-12-08T10:00:00.000+05:00" })).toBe(
      "invalid",
    );
    expect(verifyProvenance(signer.device, { ...signature, signedAt: "2026-12-07T11:00:00.000+05:00" }, facts)).toBe(
      "invalid",
    );
    globalThis.indexedDB = new IDBFactory();
    const other = (await deviceSigner(await openKuaDb()))!;
    expect(verifyProvenance(other.device, signature, facts)).toBe("invalid");
    expect(verifyProvenance(signer.device, { ...signature, value: "A".repeat(86) + "==" }, facts)).toBe("invalid");
    expect(verifyProvenance(signer.device, null, facts)).toBe("unsigned");
    expect(verifyProvenance(null, signature, facts)).toBe("unsigned");
  });
});
