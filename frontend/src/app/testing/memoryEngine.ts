/**
 * An Engine that keeps everything in memory and pretends to send: for developing and testing the
 * screens without IndexedDB, crypto or a server. Nothing here is encrypted; never ship it.
 */
import { v7 as uuidv7 } from "uuid";

import type { Engine, LockState, OutboxItemView, PhotoOptions, StorageInfo } from "../../engine";
import { attachmentIds, FORM_VERSION, REPORT_FORMAT, REPORT_VERSION, type PhotoRef, type ReportDraft } from "../../report/model";

export interface MemoryEngineOptions {
  /** Milliseconds between two progress steps of a simulated upload (0: deliver at once). */
  tickMs?: number;
  /** Pretend the phone is short of space. */
  storageLow?: boolean;
  /** Pretend the network is down, whatever navigator.onLine says. */
  offline?: boolean;
}

interface Photo {
  bytes: number;
  draftId: string;
}

/** A blank report, as `Engine.newDraft` makes it. */
export function blankDraft(language: string): ReportDraft {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    formVersion: FORM_VERSION,
    draftId: uuidv7(),
    updatedAt: new Date().toISOString(),
    language,
    happeningNow: false,
    reporter: { role: null, relationToVictim: null, safeContact: null, reprisalRisk: "unknown" },
    consent: { record: false, photograph: false, shareWithProsecutor: false, shareWithUn: false },
    kinds: [],
    when: { precision: "unknown", value: null },
    where: { village: null, other: null, placeType: null, gps: null },
    account: null,
    victims: [],
    perpetrators: { agency: null, unit: null, count: null, clothing: null, vehicles: null, namesOrDescriptions: null },
    detention: null,
    search: null,
    interrogation: null,
    torture: null,
    injuries: [],
    medical: null,
    harmToRelatives: [],
    otherPhotos: [],
  };
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function createMemoryEngine(options: MemoryEngineOptions = {}): Engine {
  const tickMs = options.tickMs ?? 150;
  const drafts = new Map<string, ReportDraft>();
  const photos = new Map<string, Photo>();
  let outbox: OutboxItemView[] = [];
  const listeners = new Set<(items: OutboxItemView[]) => void>();
  let pin: string | null = null;
  let unlocked = false;
  let language: string | null = null;
  let draining = false;

  const snapshot = (): OutboxItemView[] => outbox.map((item) => ({ ...item, attachments: item.attachments.map((a) => ({ ...a })) }));
  const notify = (): void => listeners.forEach((listener) => listener(snapshot()));
  const online = (): boolean => !options.offline && (typeof navigator === "undefined" || navigator.onLine);
  const requireUnlocked = (): void => {
    if (pin !== null && !unlocked) throw new Error("locked");
  };
  const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      for (const item of outbox) {
        if (item.state === "sent") continue;
        if (!online()) {
          item.lastError = "offline";
          item.nextAttemptAt = new Date(Date.now() + 30_000);
          continue;
        }
        item.state = "sending";
        item.lastError = null;
        item.nextAttemptAt = null;
        const total = 2048 + item.attachments.reduce((sum, a) => sum + a.bytes, 0);
        for (let step = 1; step <= 10; step += 1) {
          if (tickMs > 0) await delay(tickMs);
          for (const attachment of item.attachments) {
            attachment.sentBytes = Math.round((attachment.bytes * step) / 10);
            attachment.done = step === 10;
          }
          item.progress = Math.min(1, (2048 * step) / 10 / total + item.attachments.reduce((sum, a) => sum + a.sentBytes, 0) / total);
          notify();
        }
        item.state = "sent";
        item.progress = 1;
        item.receipt = { receivedAt: new Date(), sha256: await sha256Hex(new Blob([item.reportId])) };
      }
    } finally {
      draining = false;
      notify();
    }
    // A report submitted while this drain ran goes in the next one.
    if (online() && outbox.some((item) => item.state === "waiting")) void drain();
  }

  return {
    lockState(): LockState {
      if (pin === null) return "no_pin";
      return unlocked ? "unlocked" : "locked";
    },
    async setPin(newPin: string): Promise<void> {
      requireUnlocked();
      pin = newPin;
      unlocked = true;
    },
    async unlock(candidate: string): Promise<boolean> {
      unlocked = candidate === pin;
      return unlocked;
    },
    newDraft: blankDraft,
    async listDrafts(): Promise<ReportDraft[]> {
      requireUnlocked();
      return [...drafts.values()].map((draft) => structuredClone(draft));
    },
    async saveDraft(draft: ReportDraft): Promise<void> {
      requireUnlocked();
      drafts.set(draft.draftId, structuredClone(draft));
    },
    async deleteDraft(draftId: string): Promise<void> {
      requireUnlocked();
      drafts.delete(draftId);
      for (const [id, photo] of photos) if (photo.draftId === draftId) photos.delete(id);
    },
    async attachPhoto(draftId: string, file: Blob, photoOptions: PhotoOptions): Promise<PhotoRef> {
      requireUnlocked();
      const originalSha256 = await sha256Hex(file);
      const attachmentId = uuidv7();
      const bytes = photoOptions.downscale ? Math.min(file.size, 400_000) : file.size;
      photos.set(attachmentId, { bytes, draftId });
      const lastModified = file instanceof File ? new Date(file.lastModified).toISOString() : null;
      return {
        attachmentId,
        originalSha256,
        sealedSha256: photoOptions.downscale ? await sha256Hex(new Blob([originalSha256])) : originalSha256,
        capturedAt: lastModified,
        downscaled: photoOptions.downscale,
        width: null,
        height: null,
      };
    },
    async removePhoto(attachmentId: string): Promise<void> {
      photos.delete(attachmentId);
    },
    async submit(draft: ReportDraft): Promise<string> {
      const reportId = uuidv7();
      outbox = [
        ...outbox,
        {
          reportId,
          sealedAt: new Date(),
          happeningNow: draft.happeningNow,
          state: "waiting",
          progress: 0,
          attachments: attachmentIds(draft).map((attachmentId) => ({
            attachmentId,
            bytes: photos.get(attachmentId)?.bytes ?? 100_000,
            sentBytes: 0,
            done: false,
          })),
          receipt: null,
          lastError: null,
          nextAttemptAt: null,
        },
      ];
      drafts.delete(draft.draftId);
      notify();
      void drain();
      return reportId;
    },
    watchOutbox(listener: (items: OutboxItemView[]) => void): () => void {
      listeners.add(listener);
      listener(snapshot());
      return () => listeners.delete(listener);
    },
    sendNow(): void {
      void drain();
    },
    async storageInfo(): Promise<StorageInfo> {
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      const usageBytes = estimate?.usage ?? null;
      const quotaBytes = estimate?.quota ?? null;
      const left = usageBytes !== null && quotaBytes !== null ? quotaBytes - usageBytes : null;
      const low = options.storageLow ?? (left !== null && quotaBytes !== null && (left < 50e6 || left < quotaBytes / 10));
      return { usageBytes, quotaBytes, persisted: false, low };
    },
    async wipeEverything(): Promise<void> {
      drafts.clear();
      photos.clear();
      outbox = [];
      pin = null;
      unlocked = false;
      language = null;
      notify();
    },
    async getLanguage(): Promise<string | null> {
      return language;
    },
    async setLanguage(tag: string): Promise<void> {
      language = tag;
    },
  };
}

/** Same signature as src/outbox/engine.ts, for wiring main.tsx before the real engine exists. */
export async function openEngine(): Promise<Engine> {
  return createMemoryEngine();
}
