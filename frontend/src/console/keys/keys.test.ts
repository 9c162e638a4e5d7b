/**
 * A reviewer's key in the browser: generated (post-quantum by default), kept in IndexedDB only
 * sealed with their passphrase, opened with the right passphrase and never with a wrong one, held
 * in memory until "Lock" or 15 idle minutes.
 */
import "fake-indexeddb/auto";

import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";

import { open, seal } from "../../shared/crypto";
import {
  NotAnIdentityError,
  WrongPassphraseError,
  generateKeyPair,
  openIdentityFile,
  sealIdentity,
  type KeyPair,
} from "./identity";
import { IDLE_LOCK_MS, KeyMismatchError, KeyRing, LockedError, type IdleTimers } from "./keyring";
import { REVIEW_DB_NAME, loadIdentity, openReviewDb, saveIdentity, type StoredIdentity } from "./store";

/** scrypt at a toy cost: the default (2^18) is about a second per test. */
const TOY_WORK_FACTOR = 10;
const passphrase = "four words of passphrase";

/** Timers a test moves by hand. */
class ManualTimers implements IdleTimers {
  now = 0;
  private pending = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending]) {
      if (timer.at <= this.now) {
        this.pending.delete(id);
        timer.callback();
      }
    }
  }
}

async function stored(pair: KeyPair, reviewerId = "r1"): Promise<StoredIdentity> {
  const sealed = await sealIdentity(pair, passphrase, { comment: "Kua reviewer amina", workFactor: TOY_WORK_FACTOR });
  return { reviewerId, recipient: pair.recipient, sealed, createdAt: new Date().toISOString() };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe("a reviewer's key", () => {
  it("is post-quantum hybrid by default, and opens what is sealed to its recipient", async () => {
    const pair = await generateKeyPair();
    expect(pair.identity).toMatch(/^AGE-SECRET-KEY-PQ-1/);
    expect(pair.recipient).toMatch(/^age1pq1/);
    const report = new TextEncoder().encode("задержание");
    expect(await open(await seal(report, [pair.recipient]), [pair.identity])).toEqual(report);
    // A classic recipient: 32 bytes in Bech32 (its first data character may be a "p" too).
    expect((await generateKeyPair("x25519")).recipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
  });

  it("is stored in the kua-review database only as a passphrase-sealed age file", async () => {
    const pair = await generateKeyPair();
    const db = await openReviewDb();
    await saveIdentity(db, await stored(pair));
    expect(db.name).toBe(REVIEW_DB_NAME);
    const record = (await loadIdentity(db, "r1"))!;
    const text = new TextDecoder("latin1").decode(record.sealed);
    expect(text.startsWith("age-encryption.org/v1\n-> scrypt ")).toBe(true);
    expect(text).not.toContain("AGE-SECRET-KEY");
    expect(JSON.stringify({ ...record, sealed: null })).not.toContain("AGE-SECRET-KEY");
    expect(await loadIdentity(db, "someone else")).toBeNull();
    db.close();
  });

  it("reopens with the right passphrase, in age-keygen layout (what `kua open -i` reads)", async () => {
    const pair = await generateKeyPair();
    const { sealed } = await stored(pair);
    expect(await openIdentityFile(sealed, passphrase)).toEqual(pair);
  });

  it("refuses a wrong passphrase", async () => {
    const { sealed } = await stored(await generateKeyPair("x25519"));
    await expect(openIdentityFile(sealed, "four words of passphrasf")).rejects.toThrow(WrongPassphraseError);
    await expect(openIdentityFile(sealed, "")).rejects.toThrow(WrongPassphraseError);
  });

  it("imports a plain identity file, and refuses a file that holds no identity", async () => {
    const pair = await generateKeyPair("x25519");
    const plain = new TextEncoder().encode(
      `# created: 2026-11-25\n# public key: ${pair.recipient}\n${pair.identity}\n`,
    );
    expect(await openIdentityFile(plain, "")).toEqual(pair);
    await expect(openIdentityFile(new TextEncoder().encode("# nothing\n"), "")).rejects.toThrow(NotAnIdentityError);
    await expect(openIdentityFile(new TextEncoder().encode("AGE-SECRET-KEY-1NOTAKEY\n"), "")).rejects.toThrow(
      NotAnIdentityError,
    );
  });
});

describe("the unlocked key", () => {
  it("is held in memory after unlocking, and dropped on Lock", async () => {
    const pair = await generateKeyPair("x25519");
    const keyring = new KeyRing({ timers: new ManualTimers() });
    const changes: boolean[] = [];
    keyring.subscribe((unlocked) => changes.push(unlocked));
    expect(() => keyring.identity()).toThrow(LockedError);

    await expect(keyring.unlock(await stored(pair), "not it at all")).rejects.toThrow(WrongPassphraseError);
    expect(keyring.unlocked).toBe(false);
    await keyring.unlock(await stored(pair), passphrase);
    expect(keyring.identity()).toBe(pair.identity);

    keyring.lock();
    expect(keyring.unlocked).toBe(false);
    expect(() => keyring.identity()).toThrow(LockedError);
    expect(changes).toEqual([true, false]);
  });

  it("locks itself after 15 idle minutes; activity starts the countdown again", async () => {
    const timers = new ManualTimers();
    const keyring = new KeyRing({ timers });
    keyring.hold(await generateKeyPair("x25519"));
    timers.advance(IDLE_LOCK_MS - 1000);
    keyring.touch();
    timers.advance(IDLE_LOCK_MS - 1000);
    expect(keyring.unlocked).toBe(true);
    timers.advance(1000);
    expect(keyring.unlocked).toBe(false);
    expect(IDLE_LOCK_MS).toBe(15 * 60 * 1000);
  });

  it("refuses a stored key whose recipient was swapped beside it", async () => {
    const record = await stored(await generateKeyPair("x25519"));
    const other = await generateKeyPair("x25519");
    const keyring = new KeyRing({ timers: new ManualTimers() });
    await expect(keyring.unlock({ ...record, recipient: other.recipient }, passphrase)).rejects.toThrow(
      KeyMismatchError,
    );
    expect(keyring.unlocked).toBe(false);
  });
});
