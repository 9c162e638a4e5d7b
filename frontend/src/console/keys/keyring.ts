/**
 * The unlocked identity, in memory only: opened from its sealed file with the passphrase, dropped
 * on "Lock", on sign-out, and after 15 idle minutes (docs/review.md, "Keys"). Whoever holds the
 * keyring asks it for the identity at each use, so a locked console can open nothing.
 */
import type { StoredIdentity } from "./store";
import { openIdentityFile, type KeyPair } from "./identity";

export const IDLE_LOCK_MS = 15 * 60_000;

/** Raised when a report, photo or note is to be opened while the identity is locked. */
export class LockedError extends Error {
  override readonly name = "LockedError";
}

/** The stored identity opened to a key that is not the one recorded beside it. */
export class KeyMismatchError extends Error {
  override readonly name = "KeyMismatchError";
}

export interface IdleTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: IdleTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class KeyRing {
  private pair: KeyPair | null = null;
  private timer: unknown = null;
  private readonly listeners = new Set<(unlocked: boolean) => void>();
  private readonly idleMs: number;
  private readonly timers: IdleTimers;

  constructor(options: { idleMs?: number; timers?: IdleTimers } = {}) {
    this.idleMs = options.idleMs ?? IDLE_LOCK_MS;
    this.timers = options.timers ?? realTimers;
  }

  get unlocked(): boolean {
    return this.pair !== null;
  }

  /** The identity line, for opening one file now; throws `LockedError` when locked. */
  identity(): string {
    if (this.pair === null) throw new LockedError("The key is locked: enter the passphrase.");
    return this.pair.identity;
  }

  /** Opens the stored identity with the passphrase (throws `WrongPassphraseError`) and keeps it in memory. */
  async unlock(stored: StoredIdentity, passphrase: string): Promise<void> {
    const pair = await openIdentityFile(stored.sealed, passphrase);
    if (pair.recipient !== stored.recipient) throw new KeyMismatchError("The stored key does not match its recipient.");
    this.hold(pair);
  }

  /** Keeps an identity just generated or imported (it is already in memory). */
  hold(pair: KeyPair): void {
    this.pair = pair;
    this.touch();
    this.emit();
  }

  /** The reviewer did something: the idle countdown starts again. */
  touch(): void {
    if (this.pair === null) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => this.lock(), this.idleMs);
  }

  /** Forgets the identity (a JS string cannot be wiped; dropping every reference is what is possible). */
  lock(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (this.pair === null) return;
    this.pair = null;
    this.emit();
  }

  /** Calls `listener` with the new state after every unlock and lock. */
  subscribe(listener: (unlocked: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.unlocked);
  }
}
