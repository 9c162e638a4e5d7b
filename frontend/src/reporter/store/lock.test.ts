/**
 * Drafts at rest and the PIN lock: no draft plaintext in IndexedDB, a wrong PIN opens nothing, the
 * right one opens every draft, and after a reload the drafts stay locked until the PIN is entered.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { completeDraft, harness, reopen } from "../outbox/testing/harness";
import { openKuaDb } from "./db";
import { DuressSameAsPinError, LockedError } from "./lock";
import { ARGON2_COST, derivePinKey } from "./pinKey";

const secret = "Брат задержан, следователь Ахметов";

async function storedDraftBytes(): Promise<string[]> {
  const db = await openKuaDb();
  const records = await db.getAll("drafts");
  db.close();
  return records.map(
    (record) =>
      new TextDecoder("latin1").decode("ownerSealed" in record ? record.ownerSealed : record.ciphertext) +
      JSON.stringify(record),
  );
}

describe("a reporter's drafts on the phone", () => {
  it("are stored encrypted even without a PIN", async () => {
    const h = await harness();
    const draft = completeDraft(h, { account: secret });
    await h.engine.saveDraft(draft);
    expect(h.engine.lockState()).toBe("no_pin");
    const stored = await storedDraftBytes();
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain("Ахметов");
    expect(stored[0]).not.toContain(encodeURIComponent("Ахметов"));
    expect((await h.engine.listDrafts())[0]?.account).toBe(secret);
  });

  it("are re-encrypted under the PIN, locked after a reload, and open only with the right PIN", async () => {
    const h = await harness();
    const draft = completeDraft(h, { account: secret });
    await h.engine.saveDraft(draft);
    const before = await storedDraftBytes();

    await h.engine.setPin("493817");
    expect(h.engine.lockState()).toBe("unlocked");
    const after = await storedDraftBytes();
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]).not.toContain("Ахметов");
    expect((await h.engine.listDrafts())[0]?.account).toBe(secret);

    // The phone reloads the app: a new engine on the same database.
    const reloaded = await reopen(h);
    expect(reloaded.lockState()).toBe("locked");
    await expect(reloaded.listDrafts()).rejects.toThrow(LockedError);
    await expect(reloaded.setPin("000000")).rejects.toThrow(LockedError);
    // Locked, a report started on the lock screen is still kept: sealed to the owner key, unreadable here.
    const urgent = "Обыск идёт сейчас, Серикбаев";
    await reloaded.saveDraft(completeDraft(h, { account: urgent }));
    const sealed = (await storedDraftBytes()).join();
    expect(sealed).toContain("ownerSealed");
    expect(sealed).not.toContain("Серикбаев");
    expect(sealed).not.toContain(encodeURIComponent("Серикбаев"));

    expect(await reloaded.unlock("493818")).toBe(false);
    expect(reloaded.lockState()).toBe("locked");
    expect(await reloaded.unlock("493817")).toBe(true);
    expect(reloaded.lockState()).toBe("unlocked");
    // After the PIN its owner sees it again, and it is an ordinary draft under the PIN key.
    expect((await reloaded.listDrafts()).map((d) => d.account).sort()).toEqual([secret, urgent].sort());
    expect((await storedDraftBytes()).join()).not.toContain("ownerSealed");
  });

  it("change the key when the PIN changes: the old PIN no longer opens them", async () => {
    const h = await harness();
    await h.engine.saveDraft(completeDraft(h, { account: secret }));
    await h.engine.setPin("1111");
    await h.engine.setPin("correct horse battery staple");
    const reloaded = await reopen(h);
    expect(await reloaded.unlock("1111")).toBe(false);
    expect(await reloaded.unlock("correct horse battery staple")).toBe(true);
    expect((await reloaded.listDrafts())[0]?.account).toBe(secret);
  });

  it("refuse a PIN shorter than four characters", async () => {
    const h = await harness();
    await expect(h.engine.setPin("123")).rejects.toThrow(RangeError);
    expect(h.engine.lockState()).toBe("no_pin");
  });
});

describe("the duress PIN", () => {
  const duressSlot = async (): Promise<unknown> => {
    const db = await openKuaDb();
    const slot = await db.get("settings", "duress");
    db.close();
    return slot;
  };
  const shape = (slot: unknown): number[] => {
    const { salt, verifierIv, verifier } = slot as { salt: Uint8Array; verifierIv: Uint8Array; verifier: ArrayBuffer };
    return [salt.length, verifierIv.length, verifier.byteLength];
  };

  it("has a slot of the same shape whether set or not, and is never the PIN itself", async () => {
    const h = await harness();
    const unset = await duressSlot();
    await h.engine.setPin("493817");
    await expect(h.engine.setDuressPin("493817")).rejects.toThrow(DuressSameAsPinError);
    await h.engine.setDuressPin("735190");
    const set = await duressSlot();
    expect(shape(set)).toEqual(shape(unset));
    expect(set).not.toEqual(unset);
  });
});

describe("the PIN key", () => {
  it("uses Argon2id at m=19456 KiB, t=2, p=1 and depends on PIN and salt", async () => {
    expect(ARGON2_COST).toEqual({ m: 19456, t: 2, p: 1 });
    const salt = new Uint8Array(16).fill(1);
    const key = await derivePinKey("493817", salt);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
    const iv = new Uint8Array(12);
    const plaintext = new TextEncoder().encode("draft");
    const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, plaintext);
    const same = await derivePinKey("493817", salt);
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv }, same, ciphertext))).toEqual(plaintext);
    const otherSalt = await derivePinKey("493817", new Uint8Array(16).fill(2));
    await expect(crypto.subtle.decrypt({ name: "AES-GCM", iv }, otherSalt, ciphertext)).rejects.toThrow();
  });
});
