/**
 * The key that encrypts drafts at rest, and the PIN lock around it.
 *
 * Without a PIN the key is a random non-extractable AES key kept in IndexedDB: honest about what
 * it does, it protects nothing once the unlocked phone is taken; it only keeps draft plaintext out
 * of a casual dump of IndexedDB. With a PIN the key is derived with Argon2id (src/reporter/store/pinKey.ts)
 * and lives only in memory: after a reload the lock is "locked" until `unlock`. A verifier (a known
 * constant encrypted under the key) tells a wrong PIN; like the drafts themselves it lets a thief
 * try PINs offline, which is why a long passphrase is offered.
 *
 * With a PIN there is also an owner key (src/reporter/store/ownerKey.ts): while locked, what the app
 * must keep (a report started on the lock screen, a sent report's keys) is sealed to it, and the
 * next `unlock` turns it into ordinary records under the PIN key.
 */
import type { LockState } from "../engine/engine";
import { decrypt, encrypt, randomKey, type Sealed } from "./aead";
import {
  isOwnerSealed,
  newOwnerKey,
  openFromOwner,
  ownerIdentity,
  rewrapOwnerKey,
  sealToOwner,
  type AtRest,
  type OwnerKeySetting,
} from "./ownerKey";
import { getSetting, type DraftRecord, type KuaDb, type LockSetting, type ReportKeysRecord } from "./db";
import { duressSlotFor, emptyDuressSlot, opensDuressSlot } from "./duress";
import { Mutex } from "./mutex";
import { ARGON2_COST, SALT_BYTES, derivePinKey, type Argon2Cost } from "./pinKey";

const VERIFIER_PLAINTEXT = new TextEncoder().encode("kua.drafts-key.v1");
/** The shortest PIN accepted: anything shorter is guessed by hand. */
export const MIN_PIN_LENGTH = 4;

/** Raised when drafts are read or written while a PIN is set and not entered in this session. */
export class LockedError extends Error {
  override readonly name = "LockedError";
  readonly code = "locked";
}

/** Raised when the duress PIN asked for is the PIN itself. */
export class DuressSameAsPinError extends Error {
  override readonly name = "DuressSameAsPinError";
}

/** Holds the drafts key in memory; every draft write goes through `exclusive` so a PIN change never races one. */
export class DraftsLock {
  /** Serializes draft writes with re-encryption under a new key. */
  readonly exclusive = new Mutex();

  private constructor(
    private readonly db: KuaDb,
    private setting: LockSetting,
    private key: CryptoKey | null,
    private readonly cost: Argon2Cost,
    private owner: OwnerKeySetting | null,
  ) {}

  /** Reads the lock setting, creating the device key on first use. */
  static async open(db: KuaDb, cost: Argon2Cost = ARGON2_COST): Promise<DraftsLock> {
    let setting = await getSetting(db, "lock");
    if (setting === undefined) {
      setting = { mode: "device", key: await randomKey() };
      // `add` so two tabs opening at once cannot each store a different device key.
      await db.add("settings", setting, "lock").catch(() => undefined);
      setting = (await getSetting(db, "lock")) ?? setting;
    }
    // The duress slot is always there (random bytes until a duress PIN is set): storage looks the same.
    await db.add("settings", emptyDuressSlot(), "duress").catch(() => undefined);
    const owner = setting.mode === "pin" ? ((await getSetting(db, "ownerKey")) ?? null) : null;
    return new DraftsLock(db, setting, setting.mode === "device" ? setting.key : null, cost, owner);
  }

  /** Whether `pin` is the duress PIN (checked at the lock screen after the PIN did not open). */
  async isDuressPin(pin: string): Promise<boolean> {
    const slot = await getSetting(this.db, "duress");
    return slot !== undefined && opensDuressSlot(slot, pin, this.cost);
  }

  /** Sets the duress PIN (with the PIN entered); refuses the PIN itself, which must keep opening the drafts. */
  async setDuressPin(pin: string): Promise<void> {
    if ([...pin].length < MIN_PIN_LENGTH) {
      throw new RangeError(`A PIN must have at least ${MIN_PIN_LENGTH} characters.`);
    }
    this.draftsKey();
    const setting = this.setting;
    if (setting.mode === "pin") {
      const key = await derivePinKey(pin, setting.salt, this.cost);
      const same = await decrypt(key, { iv: setting.verifierIv, ciphertext: setting.verifier }).then(
        () => true,
        () => false,
      );
      if (same) throw new DuressSameAsPinError("The duress PIN must differ from the PIN.");
    }
    await this.db.put("settings", await duressSlotFor(pin, this.cost), "duress");
  }

  /** True while locked with an owner key: what the app writes now is sealed to it (see `sealAtRest`). */
  sealsToOwner(): boolean {
    return this.key === null && this.owner !== null;
  }

  /** Encrypts `plaintext` to be stored: under the lock key when open, else to the owner key; `LockedError` if neither. */
  async sealAtRest(plaintext: Uint8Array<ArrayBuffer>): Promise<AtRest> {
    if (this.key !== null) return encrypt(this.key, plaintext);
    if (this.owner !== null) return sealToOwner(this.owner.recipient, plaintext);
    throw new LockedError("Drafts are locked: enter the PIN first.");
  }

  /** Opens a secret kept by `sealAtRest`, owner-sealed ones too; `LockedError` while locked. */
  async openAtRest(record: AtRest): Promise<Uint8Array<ArrayBuffer>> {
    const key = this.draftsKey();
    if (!isOwnerSealed(record)) return decrypt(key, record);
    if (this.owner === null) throw new LockedError("No owner key to open this with.");
    return openFromOwner(await ownerIdentity(this.owner, key), record);
  }

  /** The lock key, or null while locked (for work that waits instead of failing, like the drain). */
  keyIfOpen(): CryptoKey | null {
    return this.key;
  }

  /** Forgets the PIN key (quick exit, auto-lock): drafts need the PIN again. No effect without a PIN. */
  lockNow(): void {
    if (this.setting.mode === "pin") this.key = null;
  }

  /** "no_pin", "locked" or "unlocked". */
  state(): LockState {
    if (this.setting.mode === "device") return "no_pin";
    return this.key === null ? "locked" : "unlocked";
  }

  /** The key drafts (and each report's keys) are encrypted with; throws `LockedError` while locked. */
  draftsKey(): CryptoKey {
    if (this.key === null) throw new LockedError("Drafts are locked: enter the PIN first.");
    return this.key;
  }

  /** Derives the key from `pin`; false (and still locked) when the verifier does not open. */
  async unlock(pin: string): Promise<boolean> {
    const setting = this.setting;
    if (setting.mode === "device") return true;
    const key = await derivePinKey(pin, setting.salt, this.cost);
    try {
      await decrypt(key, { iv: setting.verifierIv, ciphertext: setting.verifier });
    } catch {
      return false;
    }
    await this.exclusive.run(async () => {
      try {
        await this.adoptOwnerSealed(key);
      } catch (error) {
        // Left sealed to the owner key: tried again at the next unlock; the PIN still opens the rest.
        console.error(error);
      }
      this.key = key;
    });
    return true;
  }

  /**
   * After the PIN: what the locked app sealed to the owner key becomes ordinary records under the PIN
   * key, so the owner sees the drafts again. A PIN set before owner keys existed gets one now.
   */
  private async adoptOwnerSealed(key: CryptoKey): Promise<void> {
    if (this.owner === null) {
      const owner = await newOwnerKey(key);
      await this.db.put("settings", owner, "ownerKey");
      this.owner = owner;
      return;
    }
    const identity = await ownerIdentity(this.owner, key);
    const reseal = async (record: AtRest): Promise<Sealed | null> => {
      if (!isOwnerSealed(record)) return null;
      const plaintext = await openFromOwner(identity, record);
      try {
        return await encrypt(key, plaintext);
      } finally {
        plaintext.fill(0);
      }
    };
    const [drafts, reportKeys] = await Promise.all([this.db.getAll("drafts"), this.db.getAll("reportKeys")]);
    const newDrafts: DraftRecord[] = [];
    for (const record of drafts) {
      // The draft and its attachment identity are sealed apart: either may be the owner-sealed one.
      const { draftId, attachmentIdentity, ...main } = record;
      const sealed = await reseal(main);
      const identity = attachmentIdentity && (await reseal(attachmentIdentity));
      if (sealed || identity) {
        const kept = attachmentIdentity && (identity || attachmentIdentity);
        newDrafts.push({ draftId, ...(sealed ?? main), ...(kept ? { attachmentIdentity: kept } : {}) });
      }
    }
    const newKeys: ReportKeysRecord[] = [];
    for (const record of reportKeys) {
      const sealed = await reseal(record);
      if (sealed) newKeys.push({ reportId: record.reportId, ...sealed });
    }
    if (newDrafts.length + newKeys.length === 0) return;
    const tx = this.db.transaction(["drafts", "reportKeys"], "readwrite");
    await Promise.all([
      ...newDrafts.map((record) => tx.objectStore("drafts").put(record)),
      ...newKeys.map((record) => tx.objectStore("reportKeys").put(record)),
      tx.done,
    ]);
  }

  /** Forgets the PIN key (quick exit, auto-lock): drafts need the PIN again. No effect without a PIN. */

  /** Sets or changes the PIN: a fresh salt and key, every draft re-encrypted, all in one transaction. */
  async setPin(pin: string): Promise<void> {
    if ([...pin].length < MIN_PIN_LENGTH) {
      throw new RangeError(`A PIN must have at least ${MIN_PIN_LENGTH} characters.`);
    }
    await this.exclusive.run(async () => {
      const oldKey = this.draftsKey();
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      const newKey = await derivePinKey(pin, salt, this.cost);
      const verifier = await encrypt(newKey, VERIFIER_PLAINTEXT);
      const setting: LockSetting = { mode: "pin", salt, verifierIv: verifier.iv, verifier: verifier.ciphertext };
      const drafts = await this.reencrypt(oldKey, newKey);
      const reportKeys = await this.reencryptReportKeys(oldKey, newKey);
      const queued = await this.reencryptQueued(oldKey, newKey);
      const owner = this.owner === null ? await newOwnerKey(newKey) : await rewrapOwnerKey(this.owner, oldKey, newKey);
      // Crypto first, then one synchronous transaction: WebCrypto awaits would end it early.
      const tx = this.db.transaction(["drafts", "reportKeys", "settings", "outbox"], "readwrite");
      const outbox = tx.objectStore("outbox");
      await Promise.all([
        ...drafts.map((draft) => tx.objectStore("drafts").put(draft)),
        ...reportKeys.map((record) => tx.objectStore("reportKeys").put(record)),
        // Only if the copy is still the one re-encrypted: the drain drops it when the receipt arrives.
        ...queued.map(async ({ reportId, iv, sealed }) => {
          const current = await outbox.get(reportId);
          const copy = current?.plaintextAtRest;
          if (current !== undefined && copy !== undefined && !isOwnerSealed(copy) && sameBytes(copy.iv, iv)) {
            await outbox.put({ ...current, plaintextAtRest: sealed });
          }
        }),
        tx.objectStore("settings").put(setting, "lock"),
        tx.objectStore("settings").put(owner, "ownerKey"),
        tx.done,
      ]);
      this.setting = setting;
      this.owner = owner;
      this.key = newKey;
    });
  }

  /** Each report's token and reply identity follow the drafts to the new key (src/reporter/store/reportKeys.ts). */
  private async reencryptReportKeys(oldKey: CryptoKey, newKey: CryptoKey): Promise<ReportKeysRecord[]> {
    // Records still sealed to the owner key stay as they are: the owner key moves to the new PIN key.
    const records = (await this.db.getAll("reportKeys")).filter(
      (record): record is ReportKeysRecord & Sealed => !isOwnerSealed(record),
    );
    return Promise.all(
      records.map(async (record) => {
        const plaintext = await decrypt(oldKey, record);
        const sealed = await encrypt(newKey, plaintext);
        plaintext.fill(0);
        return { reportId: record.reportId, ...sealed };
      }),
    );
  }

  /** Queued reports' plaintext copies (src/reporter/outbox/reseal.ts) follow the drafts to the new key. */
  private async reencryptQueued(
    oldKey: CryptoKey,
    newKey: CryptoKey,
  ): Promise<{ reportId: string; iv: Uint8Array; sealed: Sealed }[]> {
    const queued: { reportId: string; iv: Uint8Array; sealed: Sealed }[] = [];
    for (const item of await this.db.getAll("outbox")) {
      const copy = item.plaintextAtRest;
      if (copy === undefined || isOwnerSealed(copy)) continue;
      const plaintext = await decrypt(oldKey, copy);
      queued.push({ reportId: item.reportId, iv: copy.iv, sealed: await encrypt(newKey, plaintext) });
      plaintext.fill(0);
    }
    return queued;
  }

  private async reencrypt(oldKey: CryptoKey, newKey: CryptoKey): Promise<DraftRecord[]> {
    // What is sealed to the owner key stays as it is (the owner key moves); the attachment identity,
    // encrypted apart from its draft, follows it to the new key.
    const again = async <T extends AtRest>(secret: T): Promise<T | Sealed> => {
      if (isOwnerSealed(secret)) return secret;
      const plaintext = await decrypt(oldKey, secret);
      try {
        return await encrypt(newKey, plaintext);
      } finally {
        plaintext.fill(0);
      }
    };
    return Promise.all(
      (await this.db.getAll("drafts")).map(async ({ draftId, attachmentIdentity, ...main }) => ({
        draftId,
        ...(await again(main)),
        ...(attachmentIdentity ? { attachmentIdentity: await again(attachmentIdentity) } : {}),
      })),
    );
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
