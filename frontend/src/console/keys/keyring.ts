/**
 * The unlocked identity, in memory only: opened from its sealed file with the passphrase, dropped
 * on "Lock", on sign-out, and after 15 idle minutes (docs/review.md, "Keys"). Whoever holds the
 * keyring asks it for the identity at each use, so a locked console can open nothing.
 */
import { mediaAttachmentIds, type MediaReport } from "../../shared/report/media";
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
  /** Attachment id -> the attachment identities of the opened reports naming it (a set: two reports may). */
  private readonly attachmentKeys = new Map<string, Set<string>>();

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

  /**
   * Learns an opened report's attachment identity (docs/crypto.md, "One recipient per report"): its
   * attachments sealed to it open with it. Kept, like the report's plaintext, only until "Lock".
   */
  learnReport(report: MediaReport & { attachmentIdentity?: string | undefined }): void {
    const identity = report.attachmentIdentity;
    if (this.pair === null || identity === undefined) return;
    for (const attachmentId of mediaAttachmentIds(report)) {
      const known = this.attachmentKeys.get(attachmentId) ?? new Set<string>();
      this.attachmentKeys.set(attachmentId, known.add(identity));
    }
  }

  /**
   * The identities that open attachment `attachmentId`: this reviewer's (attachments sealed to the
   * list, answers' media), then the attachment identities of the opened reports naming it. Either form
   * opens; the report's hash of the plaintext is what vouches for it. Throws `LockedError` when locked.
   */
  identitiesFor(attachmentId: string): string[] {
    return [this.identity(), ...(this.attachmentKeys.get(attachmentId) ?? [])];
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
    this.attachmentKeys.clear();
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
