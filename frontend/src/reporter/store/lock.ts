/**
 * The key that encrypts drafts at rest, and the PIN lock around it.
 *
 * Without a PIN the key is a random non-extractable AES key kept in IndexedDB: honest about what
 * it does, it protects nothing once the unlocked phone is taken; it only keeps draft plaintext out
 * of a casual dump of IndexedDB. With a PIN the key is derived with Argon2id (src/reporter/store/pinKey.ts)
 * and lives only in memory: after a reload the lock is "locked" until `unlock`. A verifier (a known
 * constant encrypted under the key) tells a wrong PIN; like the drafts themselves it lets a thief
 * try PINs offline, which is why a long passphrase is offered.
 */
import type { LockState } from "../engine/engine";
import { decrypt, encrypt, randomKey } from "./aead";
import { getSetting, type DraftRecord, type KuaDb, type LockSetting, type ReportKeysRecord } from "./db";
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

/** Holds the drafts key in memory; every draft write goes through `exclusive` so a PIN change never races one. */
export class DraftsLock {
  /** Serializes draft writes with re-encryption under a new key. */
  readonly exclusive = new Mutex();

  private constructor(
    private readonly db: KuaDb,
    private setting: LockSetting,
    private key: CryptoKey | null,
    private readonly cost: Argon2Cost,
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
    return new DraftsLock(db, setting, setting.mode === "device" ? setting.key : null, cost);
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
    this.key = key;
    return true;
  }

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
      // Crypto first, then one synchronous transaction: WebCrypto awaits would end it early.
      const tx = this.db.transaction(["drafts", "reportKeys", "settings"], "readwrite");
      await Promise.all([
        ...drafts.map((draft) => tx.objectStore("drafts").put(draft)),
        ...reportKeys.map((record) => tx.objectStore("reportKeys").put(record)),
        tx.objectStore("settings").put(setting, "lock"),
        tx.done,
      ]);
      this.setting = setting;
      this.key = newKey;
    });
  }

  /** Each report's token and reply identity follow the drafts to the new key (src/reporter/store/reportKeys.ts). */
  private async reencryptReportKeys(oldKey: CryptoKey, newKey: CryptoKey): Promise<ReportKeysRecord[]> {
    const records = await this.db.getAll("reportKeys");
    return Promise.all(
      records.map(async (record) => {
        const plaintext = await decrypt(oldKey, record);
        const sealed = await encrypt(newKey, plaintext);
        plaintext.fill(0);
        return { reportId: record.reportId, ...sealed };
      }),
    );
  }

  private async reencrypt(oldKey: CryptoKey, newKey: CryptoKey): Promise<DraftRecord[]> {
    const records = await this.db.getAll("drafts");
    return Promise.all(
      records.map(async (record) => {
        const plaintext = await decrypt(oldKey, record);
        const sealed = await encrypt(newKey, plaintext);
        plaintext.fill(0);
        return { draftId: record.draftId, ...sealed };
      }),
    );
  }
}
