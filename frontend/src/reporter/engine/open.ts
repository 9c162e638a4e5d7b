/**
 * `openEngine`: the reporter app's storage, crypto and sync behind the Engine interface
 * (./engine.ts). This file only wires the reporter's modules together: drafts and the PIN lock
 * (store/), the recipient list (recipients/), sealing and the outbox (outbox/), the drain and its
 * triggers (sync/), the wipe (safety/).
 */
import { deployment as builtDeployment, type DeploymentConfig } from "../../shared/deployment";
import type {
  Engine,
  LockState,
  MyReportsView,
  NotifyState,
  OutboxItemView,
  PhotoOptions,
  StorageInfo,
} from "./engine";
import { currentRecipientList, refreshRecipientList, type RecipientListContext } from "../recipients/current";
import { missingToSend, type ReportDraftV2 } from "../../shared/report/draftV2";
import type { FileRef, PhotoRef, VoiceRef } from "../../shared/report/v2";
import type { AnswerMedia } from "../../shared/report/followups";
import { DEFAULT_AUTO_LOCK_SECONDS, installAutoLock } from "../safety/autoLock";
import { wipeEverything, wipeUnderDuress } from "../safety/wipe";
import { sweepOrphanPieces } from "../store/attachmentPieces";
import { getSetting, putSetting, type KuaDb } from "../store/db";
import { openDb } from "../store/openDb";
import { DraftIdentities } from "../store/draftIdentities";
import { deleteDraft, listDrafts, readStoredDraft, saveDraft, writeDraft } from "../store/drafts";
import { emptyDraft } from "../store/emptyDraft";
import { readReportKeys } from "../store/reportKeys";
import { additionDraft } from "../outbox/addition";
import { DraftsLock } from "../store/lock";
import type { Argon2Cost } from "../store/pinKey";
import { requestPersistence, storageInfo } from "../store/quota";
import { Drain, type Timers } from "../sync/drain";
import { createTusUploader } from "../sync/tus";
import {
  applyUpdate,
  installTriggers,
  registerServiceWorker,
  requestBackgroundSync,
  watchForUpdate,
} from "../sync/triggers";
import type { Uploader } from "../sync/uploader";
import { Emitter } from "../outbox/emitter";
import type { Followups } from "../outbox/followups";
import { attachmentRecipients, newAttachmentIdentity } from "../outbox/attachmentIdentity";
import { attachFile } from "../outbox/files";
import { attachPhoto, removePhoto } from "../outbox/photos";
import { resealQueued } from "../outbox/reseal";
import { SubmitError } from "../outbox/errors";
import { PreparedSeal } from "../outbox/prepared";
import { queueSealed, sealDraft } from "../outbox/submit";
import { LabelCache, outboxViews } from "../outbox/views";
import {
  appendChunk,
  beginRecording,
  discardRecording,
  finishRecording,
  readAudio,
  type OpenRecording,
} from "../voice/recordings";
import { ANSWER_DRAFT_PREFIX, finishAnswerRecordings, recoverRecordings } from "../voice/recover";

/** Everything the engine takes from its surroundings; tests replace what they need. */
export interface EngineOptions {
  fetch?: typeof fetch;
  /** Origin of the API; the page's origin by default. */
  apiBase?: string;
  deployment?: DeploymentConfig | null;
  uploader?: Uploader;
  timers?: Timers;
  random?: () => number;
  online?: () => boolean;
  argon2?: Argon2Cost;
  /** Listen to browser events and register the service worker (default: when running in a page). */
  browser?: boolean;
}

// Fetching the list on every wake-up would be noise; once in a while is enough.
const LIST_REFRESH_MS = 10 * 60_000;
// The first fetch waits until the app has drawn itself: verifying loads the crypto libraries.
const FIRST_LIST_REFRESH_MS = 5_000;
// Wake-ups ask for the reports' status at most this often (once "My reports" was opened).
const UPDATES_REFRESH_MS = 3 * 60_000;
// "Check now" pressed again and again asks at most this often.
const REFRESH_ASKED_MS = 10_000;

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

class ReporterEngine implements Engine {
  /** Sealing's code and list, loaded ahead of Send (`prepareToSend`). */
  private sealingReady: Promise<void> | null = null;
  /** The report sealed ahead of Send while the review shows (src/reporter/outbox/prepared.ts). */
  private readonly prepared: PreparedSeal;
  /** Raised whenever preparations are dropped: one still being set up must not be kept. */
  private preparedEpoch = 0;
  /** The draft on the review, sealed again when a newer list arrives while it shows. */
  private reviewing: ReportDraftV2 | null = null;
  private readonly views = new Emitter<OutboxItemView[]>();
  /** The outbox views' labels, opened once per report while unlocked. */
  private readonly labels = new LabelCache();
  /** Drafts submitted or deleted in this session: a late autosave must not bring them back. */
  private readonly goneDrafts = new Set<string>();
  private refreshing: Promise<void> | null = null;
  private dirty = false;
  private listFetchedAt = -Infinity;
  private listRefresh: Promise<void> | null = null;
  private uninstall: () => void = () => undefined;
  /** Closed or wiped: work still in flight (a list refresh) must not touch the database any more. */
  private stopped = false;
  private readonly update = new Emitter<boolean>();
  private readonly lockChanges = new Emitter<LockState>();
  private autoLockMs = DEFAULT_AUTO_LOCK_SECONDS * 1000;
  private registration: ServiceWorkerRegistration | null = null;
  private updateReady = false;
  /** "My reports" (src/reporter/outbox/followups.ts), loaded when first asked for. */
  private followups: Promise<Followups> | null = null;
  private loadedFollowups: Followups | null = null;
  /** Recordings of this page, their keys in memory; chunks written one after another. */
  private readonly recordings = new Map<string, { recording: OpenRecording; seq: number; writes: Promise<void> }>();
  /** Leftover recordings being finished (src/reporter/voice/recover.ts): drafts are listed after it. */
  private recovery: Promise<void> = Promise.resolve();
  /** Each draft's attachment identity (src/reporter/store/draftIdentities.ts). */
  private readonly identities: DraftIdentities;
  readonly drain: Drain;
  readonly keepsNothing: boolean;
  private inBrowser = false;

  constructor(
    private readonly db: KuaDb,
    private readonly lock: DraftsLock,
    private readonly lists: RecipientListContext,
    private readonly timers: Timers,
    deps: { uploader: Uploader; random: () => number; keepsNothing: boolean },
  ) {
    this.keepsNothing = deps.keepsNothing;
    this.identities = new DraftIdentities({
      read: (draftId) => readStoredDraft(db, lock, draftId),
      write: (draft) => writeDraft(db, lock, draft),
      exclusive: (task) => lock.exclusive.run(task),
    });
    this.prepared = new PreparedSeal(
      (draft, { list }) =>
        sealDraft(db, list, draft, new Date(timers.now()), (plaintext) => lock.sealAtRest(plaintext)),
      () => timers.now(),
    );
    this.drain = new Drain({
      db,
      fetch: lists.fetch,
      apiBase: lists.apiBase,
      uploader: deps.uploader,
      timers,
      random: deps.random,
      onChange: () => this.changed(),
      lockKey: () => lock.keyIfOpen(),
      // Only in a browser: a visible page on a network watches for the server's return.
      worthProbing: () => this.inBrowser && document.visibilityState === "visible" && lists.online(),
    });
  }

  /** Starts listening to the browser's wake-up signals and sends what waits ("app open"). */
  start(browser: boolean): void {
    if (this.lock.state() === "no_pin") this.recoverRecordings();
    if (!browser) {
      this.wake();
      return;
    }
    this.inBrowser = true;
    const uninstallTriggers = installTriggers(() => this.wake());
    const uninstallAutoLock = installAutoLock(
      () => this.lockNow(),
      () => this.autoLockMs,
      this.timers,
    );
    this.uninstall = () => {
      uninstallTriggers();
      uninstallAutoLock();
    };
    void this.autoLockSeconds().then((seconds) => (this.autoLockMs = seconds * 1000));
    void registerServiceWorker().then((registration) => {
      this.registration = registration;
      if (registration) {
        watchForUpdate(registration, () => {
          this.updateReady = true;
          this.update.emit(true);
        });
      }
    });
    void this.drain.run();
    setTimeout(() => this.wake(), FIRST_LIST_REFRESH_MS);
  }

  lockState(): LockState {
    return this.lock.state();
  }

  async setPin(pin: string): Promise<void> {
    // The prepared report's keys were sealed at rest under the key the PIN replaces.
    this.discardPreparedSend();
    await this.lock.setPin(pin);
    this.loadedFollowups?.changed();
    this.lockChanges.emit(this.lock.state());
  }

  async unlock(pin: string): Promise<boolean> {
    const unlocked = await this.lock.unlock(pin);
    if (!unlocked && (await this.lock.isDuressPin(pin))) return this.destroyUnderDuress();
    // Answers wait for the PIN (their token is encrypted under it): send them now.
    if (unlocked) {
      this.discardPreparedSend();
      this.recoverRecordings();
      // Reports sent from the lock screen wait for the PIN to be re-sealed to a newer list.
      void this.resealQueued();
      void this.drain.run();
      this.lockChanges.emit(this.lock.state());
      this.changed();
    }
    return unlocked;
  }

  setDuressPin(pin: string): Promise<void> {
    return this.lock.setDuressPin(pin);
  }

  /** The duress PIN: everything goes silently, then the page reopens as a fresh install. */
  private async destroyUnderDuress(): Promise<never> {
    this.discardPreparedSend();
    this.uninstall();
    this.drain.stop();
    this.followups = null;
    this.loadedFollowups = null;
    await wipeUnderDuress(() => this.db.close(), { fetch: this.lists.fetch, apiBase: this.lists.apiBase });
    if (typeof location !== "undefined") location.replace("/");
    return new Promise<never>(() => undefined);
  }

  lockNow(): void {
    this.discardPreparedSend();
    if (this.lock.state() !== "unlocked") return;
    this.lock.lockNow();
    this.identities.forgetStored();
    // Opened questions were read with keys that are locked again: forget them.
    this.loadedFollowups?.forgetOpened();
    this.lockChanges.emit(this.lock.state());
    this.changed();
  }

  watchLock(listener: (state: LockState) => void): () => void {
    return this.lockChanges.on(listener);
  }

  async autoLockSeconds(): Promise<number> {
    return (await getSetting(this.db, "autoLockSeconds")) ?? DEFAULT_AUTO_LOCK_SECONDS;
  }

  async setAutoLockSeconds(seconds: number): Promise<void> {
    // In force at once: a relative who picks "at once" and leaves the app must not get the old delay
    // while the setting is still being written.
    this.autoLockMs = seconds * 1000;
    await putSetting(this.db, "autoLockSeconds", seconds);
  }

  close(): void {
    this.stopped = true;
    this.discardPreparedSend();
    this.identities.forgetStored();
    this.uninstall();
    this.drain.stop();
    this.lockNow();
    if (typeof document !== "undefined") document.documentElement.dataset.engine = "stopped";
  }

  newDraft(language: string): ReportDraftV2 {
    return emptyDraft(language);
  }

  async listDrafts(): Promise<ReportDraftV2[]> {
    // A draft whose recording was cut short shows with it once finished.
    await this.recovery;
    const drafts = await listDrafts(this.db, this.lock);
    this.identities.remember(drafts);
    return drafts;
  }

  async saveDraft(draft: ReportDraftV2): Promise<void> {
    if (this.goneDrafts.has(draft.draftId)) return;
    const complete = { ...this.identities.withIdentity(draft), updatedAt: new Date(this.timers.now()).toISOString() };
    await saveDraft(this.db, this.lock, complete);
    this.identities.saved(complete);
  }

  async draftAddingTo(reportId: string, language: string): Promise<ReportDraftV2> {
    const keys = await readReportKeys(this.db, this.lock.draftsKey(), reportId);
    const fresh = emptyDraft(language, new Date(this.timers.now()));
    return additionDraft(
      reportId,
      keys?.addition ?? null,
      keys?.label ?? null,
      language,
      fresh.draftId,
      new Date(this.timers.now()),
    );
  }

  deleteDraft(draftId: string): Promise<void> {
    this.discardPreparedSend();
    this.goneDrafts.add(draftId);
    this.identities.forget(draftId);
    return this.lock.exclusive.run(() => deleteDraft(this.db, draftId));
  }

  async attachPhoto(draftId: string, file: Blob, options: PhotoOptions): Promise<PhotoRef> {
    return attachPhoto(this.db, await this.attachmentRecipients(draftId), draftId, file, options);
  }

  removePhoto(attachmentId: string): Promise<void> {
    return removePhoto(this.db, attachmentId);
  }

  async attachFile(draftId: string, file: Blob): Promise<FileRef> {
    return attachFile(
      this.db,
      await this.attachmentRecipients(draftId),
      draftId,
      file,
      () => new Date(this.timers.now()),
    );
  }

  /**
   * Who an attachment of `draftId` is sealed to: the recipient of the draft's own attachment identity
   * (made, of the verified list's kind, at its first attachment); an answer's (docs/crypto.md, "One
   * recipient per report"), the whole list.
   */
  private async attachmentRecipients(draftId: string): Promise<readonly string[]> {
    if (draftId.startsWith(ANSWER_DRAFT_PREFIX)) {
      return (await currentRecipientList(this.lists)).recipients.map((entry) => entry.recipient);
    }
    const identity = await this.identities.identityFor(draftId, async () =>
      newAttachmentIdentity(await currentRecipientList(this.lists)),
    );
    return attachmentRecipients(identity);
  }

  async beginRecording(draftId: string, field: string, mime: string): Promise<string> {
    const recording = await beginRecording(this.db, (plaintext) => this.lock.sealAtRest(plaintext), {
      draftId,
      field,
      mime,
      startedAt: new Date(this.timers.now()),
    });
    this.recordings.set(recording.recordingId, { recording, seq: 0, writes: Promise.resolve() });
    return recording.recordingId;
  }

  addRecordingChunk(recordingId: string, chunk: Blob, activeMs: number): Promise<void> {
    const open = this.openRecording(recordingId);
    const seq = open.seq++;
    open.writes = open.writes.then(async () =>
      appendChunk(this.db, open.recording, seq, new Uint8Array(await chunk.arrayBuffer()), activeMs),
    );
    return open.writes;
  }

  async recordingAudio(recordingId: string): Promise<Blob> {
    const open = this.openRecording(recordingId);
    await open.writes;
    return new Blob([await readAudio(this.db, open.recording)], { type: open.recording.mime });
  }

  async finishRecording(recordingId: string, durationMs: number): Promise<{ ref: VoiceRef; audio: Blob } | null> {
    const open = this.openRecording(recordingId);
    await open.writes;
    const recipients = await this.attachmentRecipients(open.recording.draftId);
    const finished = await finishRecording(
      this.db,
      recipients,
      open.recording,
      durationMs,
      new Date(this.timers.now()),
    );
    this.recordings.delete(recordingId);
    if (finished === null) return null;
    return { ref: finished.ref, audio: new Blob([finished.audio], { type: finished.ref.mime }) };
  }

  async discardRecording(recordingId: string): Promise<void> {
    const open = this.recordings.get(recordingId);
    this.recordings.delete(recordingId);
    await open?.writes.catch(() => undefined);
    await discardRecording(this.db, recordingId);
  }

  finishedVoice(draftId: string): Promise<VoiceRef[]> {
    // In the recovery chain, so it never races the sweep of answer captures or another finish.
    const finished = this.recovery.then(() =>
      finishAnswerRecordings(
        {
          db: this.db,
          openAtRest: (secret) => this.lock.openAtRest(secret),
          recipientsFor: (draftId) => this.attachmentRecipients(draftId),
          active: new Set(this.recordings.keys()),
          now: () => new Date(this.timers.now()),
        },
        draftId,
      ),
    );
    this.recovery = finished.then(
      () => undefined,
      (error: unknown) => console.warn(error),
    );
    return finished;
  }

  private openRecording(recordingId: string): { recording: OpenRecording; seq: number; writes: Promise<void> } {
    const open = this.recordings.get(recordingId);
    if (open === undefined) throw new Error("No such recording in this page.");
    return open;
  }

  /** Finishes recordings a killed page left (needs the lock key and a verified list; else next time). */
  private recoverRecordings(): void {
    this.recovery = this.recovery
      .then(async () => {
        await recoverRecordings({
          db: this.db,
          openAtRest: (secret) => this.lock.openAtRest(secret),
          recipientsFor: (draftId) => this.attachmentRecipients(draftId),
          active: new Set(this.recordings.keys()),
          listDrafts: () => listDrafts(this.db, this.lock),
          saveDraft: (draft) => this.saveDraft(draft),
          now: () => new Date(this.timers.now()),
        });
      })
      .catch((error: unknown) => console.warn(error));
  }

  prepareToSend(draft?: ReportDraftV2): void {
    this.sealingReady ??= Promise.all([
      currentRecipientList(this.lists),
      // What drawing the report's keys imports (./outbox/reportKeys.ts), not loaded by the list.
      import("age-encryption"),
      import("../../shared/crypto/recipientType"),
    ]).then(
      () => undefined,
      (error: unknown) => {
        this.sealingReady = null; // tried again on the next review
        console.warn(error);
      },
    );
    if (draft === undefined || missingToSend(draft).length > 0 || this.atRest() === "none") return;
    this.reviewing = draft;
    const epoch = this.preparedEpoch;
    void this.sealingReady
      .then(async () => {
        const [complete, list] = await Promise.all([
          this.withAttachmentIdentity(draft),
          currentRecipientList(this.lists),
        ]);
        if (this.stopped || epoch !== this.preparedEpoch || this.goneDrafts.has(draft.draftId)) return;
        this.prepared.prepare(complete, { list, atRest: this.atRest() });
      })
      .catch((error: unknown) => console.warn(error));
  }

  discardPreparedSend(): void {
    this.reviewing = null;
    this.preparedEpoch += 1;
    this.prepared.drop();
  }

  /** Whether a report is sealed ahead of Send (tests: none survives a lock, a wipe or leaving the review). */
  holdsPreparedSend(): boolean {
    return this.prepared.holds();
  }

  /** How `sealAtRest` keeps secrets now: under the lock key, to the owner key, or not at all (locked). */
  private atRest(): "key" | "owner" | "none" {
    if (this.lock.keyIfOpen() !== null) return "key";
    return this.lock.sealsToOwner() ? "owner" : "none";
  }

  /** `draft` with its attachment identity: the one a save put in the stored draft, if the screens' copy is older. */
  private async withAttachmentIdentity(draft: ReportDraftV2): Promise<ReportDraftV2> {
    const known = this.identities.withIdentity(draft);
    const identity =
      known.attachmentIdentity ?? (await readStoredDraft(this.db, this.lock, draft.draftId))?.attachmentIdentity;
    return identity === undefined ? known : { ...known, attachmentIdentity: identity };
  }

  async submit(draft: ReportDraftV2): Promise<string> {
    // Kept nowhere, a report queued offline would be lost with the page: it stays on screen instead.
    if (this.keepsNothing && !this.lists.online())
      throw new SubmitError("offline_not_kept", "Nothing can be queued here");
    const list = await currentRecipientList(this.lists);
    // Inside the drafts mutex, so an autosave in flight cannot land after the draft is deleted.
    const reportId = await this.lock.exclusive.run(async () => {
      const complete = await this.withAttachmentIdentity(draft);
      const sealed =
        (await this.prepared.take(complete, { list, atRest: this.atRest() })) ??
        (await sealDraft(this.db, list, complete, new Date(this.timers.now()), (plaintext) =>
          this.lock.sealAtRest(plaintext),
        ));
      this.reviewing = null;
      const id = await queueSealed(this.db, sealed);
      this.goneDrafts.add(draft.draftId);
      this.identities.forget(draft.draftId);
      return id;
    });
    // The PUT first, then the views and the screen: at 6x CPU their reads and rendering delayed the
    // request by 200-500 ms; after it they overlap the upload. The list is asked for after the pass,
    // not beside it: on 2G the two would share the uplink.
    const putIssued = this.drain.sendFirst(reportId);
    void this.drain.idle().then(() => this.refreshList());
    await putIssued;
    // The home screen that follows shows the report in the outbox at once.
    await this.viewsChanged();
    void requestPersistence();
    void requestBackgroundSync();
    return reportId;
  }

  watchOutbox(listener: (items: OutboxItemView[]) => void): () => void {
    const off = this.views.on(listener);
    let subscribed = true;
    this.labelledViews().then(
      (items) => subscribed && listener(items),
      (error: unknown) => console.error(error),
    );
    return () => {
      subscribed = false;
      off();
    };
  }

  watchMyReports(listener: (view: MyReportsView) => void): () => void {
    let off: (() => void) | null = null;
    let subscribed = true;
    this.loadFollowups().then(
      (followups) => {
        if (subscribed) off = followups.watch(listener);
      },
      (error: unknown) => console.error(error),
    );
    return () => {
      subscribed = false;
      off?.();
    };
  }

  refreshMyReports(): void {
    void this.loadedFollowups?.refresh(REFRESH_ASKED_MS);
  }

  async answerQuestion(reportId: string, questionId: string, text: string, media?: AnswerMedia): Promise<void> {
    await (await this.loadFollowups()).answer(reportId, questionId, text, media);
  }

  async notifyState(): Promise<NotifyState> {
    return (await import("../outbox/notify")).notifyState();
  }

  async setNotify(on: boolean): Promise<NotifyState> {
    return (await this.loadFollowups()).setNotify(on);
  }

  watchUpdate(listener: (ready: boolean) => void): () => void {
    const off = this.update.on(listener);
    if (this.updateReady) listener(true);
    return off;
  }

  applyUpdate(): void {
    if (this.registration) applyUpdate(this.registration);
  }

  sendNow(): void {
    void this.drain.run();
  }

  async stopOriginal(reportId: string, attachmentId: string): Promise<boolean> {
    const stopped = await this.drain.stopOriginal(reportId, attachmentId);
    this.changed();
    return stopped;
  }

  storageInfo(): Promise<StorageInfo> {
    return storageInfo();
  }

  async getLanguage(): Promise<string | null> {
    return (await getSetting(this.db, "language")) ?? null;
  }

  setLanguage(tag: string): Promise<void> {
    return putSetting(this.db, "language", tag);
  }

  async wipeEverything(): Promise<void> {
    this.stopped = true;
    this.discardPreparedSend();
    this.uninstall();
    this.drain.stop();
    // Statuses and opened questions live in memory only: they go with the database.
    this.followups = null;
    this.loadedFollowups = null;
    await wipeEverything(() => this.db.close(), { fetch: this.lists.fetch, apiBase: this.lists.apiBase });
    if (typeof document !== "undefined") document.documentElement.dataset.engine = "stopped";
  }

  /** A wake-up signal: refresh the recipient list now and then, and drain. */
  private wake(): void {
    if (this.timers.now() - this.listFetchedAt >= LIST_REFRESH_MS) this.refreshList();
    void this.drain.run();
    void this.loadedFollowups?.refresh(UPDATES_REFRESH_MS);
  }

  /**
   * Asks the server for a newer recipient list in the background (a 304 when there is none), then
   * re-seals the queued reports not yet tried if the reviewers changed. Nothing waits on it; a refused
   * list is not stored and sealing keeps using the verified one it has.
   */
  private refreshList(): void {
    if (this.stopped || !this.lists.online() || this.listRefresh !== null) return;
    this.listFetchedAt = this.timers.now();
    this.listRefresh = refreshRecipientList(this.lists)
      .then((outcome) => {
        // A report sealed ahead of Send to the older list would be sealed again at the tap.
        if (outcome.kind === "newer" && this.reviewing !== null) this.prepareToSend(this.reviewing);
      })
      .catch((error: unknown) => console.warn(error))
      .then(() => this.resealQueued())
      .finally(() => (this.listRefresh = null));
  }

  /** Re-seals reports not yet tried to the current list when its reviewers differ (src/reporter/outbox/reseal.ts). */
  private async resealQueued(): Promise<void> {
    try {
      if (this.stopped || (await this.db.count("outbox")) === 0) return;
      const list = await currentRecipientList(this.lists);
      const resealed = await resealQueued(this.db, list, (record) => this.lock.openAtRest(record));
      if (resealed > 0) this.changed();
    } catch (error) {
      console.warn(error);
    }
  }

  /** Loads "My reports" (its code is a chunk of its own) once. */
  private loadFollowups(): Promise<Followups> {
    this.followups ??= import("../outbox/followups").then(({ Followups, sweepAnswerCaptures }) => {
      // Before any answer box exists: captures left by a closed app can no longer be sent (their refs
      // were in its memory). Recordings cut short are not captures yet: their answer box finishes them.
      this.recovery = this.recovery
        .then(() => sweepAnswerCaptures(this.db))
        .catch((error: unknown) => console.error(error));
      const followups = new Followups({
        db: this.db,
        lock: this.lock,
        fetch: this.lists.fetch,
        apiBase: this.lists.apiBase,
        now: () => this.timers.now(),
        online: () => this.lists.online(),
        recipientList: () => currentRecipientList(this.lists),
        onQueued: () => {
          void requestBackgroundSync();
          void this.drain.run();
        },
      });
      this.loadedFollowups = followups;
      return followups;
    });
    return this.followups;
  }

  /** The outbox views, labelled while the PIN key is open. */
  private async labelledViews(): Promise<OutboxItemView[]> {
    const items = await outboxViews(this.db, this.drain.activity());
    return this.labels.withLabels(this.db, this.lock.keyIfOpen(), items).catch(() => items);
  }

  /** Recomputes the views for the watchers; calls during a recomputation coalesce into one more. */
  private changed(): void {
    void this.viewsChanged();
  }

  /** `changed`, resolving once the watchers have views that include this change. */
  private viewsChanged(): Promise<void> {
    this.loadedFollowups?.changed();
    if (this.views.size === 0) return Promise.resolve();
    if (this.refreshing !== null) {
      this.dirty = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.dirty = false;
          this.views.emit(await this.labelledViews());
        } while (this.dirty);
      } catch (error) {
        console.error(error);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}

/** The reporter app's Engine: opens the database, reads the lock, and starts sending what waits. */
export async function openEngine(
  options: EngineOptions = {},
): Promise<Engine & { readonly drain: Drain; holdsPreparedSend(): boolean }> {
  const pinned = options.deployment === undefined ? builtDeployment : options.deployment;
  const { db, keepsNothing } = await openDb();
  const swept = sweepOrphanPieces(db).catch((error: unknown) => console.error(error));
  const lock = await DraftsLock.open(db, options.argon2);
  const timers = options.timers ?? realTimers;
  const lists: RecipientListContext = {
    db,
    trust: pinned && {
      rootPublicKeys: pinned.rootPublicKeys,
      threshold: pinned.threshold,
      recipientList: pinned.recipientList,
    },
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    apiBase: options.apiBase ?? globalThis.location.origin,
    now: () => new Date(timers.now()),
    online: options.online ?? (() => globalThis.navigator?.onLine ?? true),
  };
  const uploader = options.uploader ?? createTusUploader(new URL("/api/v1/uploads/", lists.apiBase).href);
  const engine = new ReporterEngine(db, lock, lists, timers, {
    uploader,
    random: options.random ?? Math.random,
    keepsNothing,
  });
  await swept;
  engine.start(options.browser ?? typeof window !== "undefined");
  return engine;
}
