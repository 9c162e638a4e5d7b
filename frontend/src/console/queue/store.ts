/**
 * The queue in memory: pages of reports from the server (newest first, paged with `before`), each
 * report's age file fetched and opened in the browser by a small pool, "happening now" reports
 * raised to urgent (only the console can know). Cleared when the key locks: nothing decrypted
 * outlives the unlocked identity.
 */
import type { ReviewApi } from "../api";
import type { ReportMeta } from "../apiTypes";
import type { KeyRing } from "../keys/keyring";
import { defaultOpener, type ReportOpener } from "./openers";
import { problemOf } from "./problems";
import { openableFile } from "../../shared/crypto/grant";
import type { ReadReport } from "../../shared/report/read";
import { headersOf } from "../grants/grants";
import { REPORT_VERSION } from "../../shared/report/model";
import { asV1 } from "../../shared/report/v1View";
import { runPool } from "./pool";
import { NO_FILTER, type QueueEntry, type QueueFilter, type SortKey } from "./entries";

const EMIT_EVERY_MS = 250;

export type QueueApi = Pick<
  ReviewApi,
  "reports" | "report" | "reportCiphertext" | "reportCiphertexts" | "updateTriage" | "reportGrants"
>;

export interface QueueOptions {
  /** Reports opened at once. */
  concurrency?: number;
  /** Who decrypts (workers in the browser by default). */
  opener?: ReportOpener;
  /** Reports asked per page (the server gives at most 1000). */
  pageSize?: number;
}

export interface QueueView {
  entries: readonly QueueEntry[];
  /** There is an older page to load. */
  more: boolean;
  loading: boolean;
  /** Stable code of the last failure to load a page, or null. */
  failure: string | null;
}

export class QueueStore {
  /** The queue screen's search, filters and sort, kept while moving between screens (not stored). */
  filter: QueueFilter = NO_FILTER;
  sort: SortKey = "received_desc";
  private entries: QueueEntry[] = [];
  private nextBefore: string | null = null;
  private loaded = false;
  private loading = false;
  private failure: string | null = null;
  private generation = 0;
  private emitTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(view: QueueView) => void>();
  private readonly concurrency: number;
  private readonly opener: ReportOpener;
  private readonly pageSize: number;

  constructor(
    private readonly api: QueueApi,
    private readonly keyring: KeyRing,
    options: QueueOptions = {},
  ) {
    this.opener = options.opener ?? defaultOpener();
    this.concurrency = options.concurrency ?? 8;
    this.pageSize = options.pageSize ?? 200;
  }

  view(): QueueView {
    return { entries: this.entries, more: this.nextBefore !== null, loading: this.loading, failure: this.failure };
  }

  subscribe(listener: (view: QueueView) => void): () => void {
    this.listeners.add(listener);
    listener(this.view());
    return () => this.listeners.delete(listener);
  }

  entry(reportId: string): QueueEntry | undefined {
    return this.entries.find((entry) => entry.meta.report_id === reportId);
  }

  /**
   * Loads every page unless already loaded (`refresh` starts over): search, filters and sorting
   * work on decrypted fields, so they need the whole queue in the browser. Each page is fetched
   * while the ones before it are being opened, so the workers never wait for the network.
   */
  async load(refresh = false): Promise<void> {
    if (this.loaded && !refresh) return;
    if (refresh) this.clear();
    const generation = this.generation;
    const openings = [(await this.page(null)).opened];
    while (this.nextBefore !== null && this.failure === null && generation === this.generation) {
      openings.push((await this.page(this.nextBefore)).opened);
    }
    await Promise.all(openings);
    if (generation === this.generation) this.emitNow();
  }

  /** Loads the next (older) page. */
  async loadMore(): Promise<void> {
    if (this.nextBefore === null) return;
    const generation = this.generation;
    await (
      await this.page(this.nextBefore)
    ).opened;
    if (generation === this.generation) this.emitNow();
  }

  /** Replaces a report's server facts (after a triage change). */
  update(meta: ReportMeta): void {
    this.entries = this.entries.map((entry) => (entry.meta.report_id === meta.report_id ? { ...entry, meta } : entry));
    this.emit();
  }

  /** A report not in the loaded pages (a case's older report): fetched and opened alone. */
  async ensure(reportId: string): Promise<QueueEntry> {
    const known = this.entry(reportId);
    if (known && known.state !== "opening") return known;
    if (!known) {
      const meta = await this.api.report(reportId);
      this.entries = [
        ...this.entries,
        { meta, state: "opening", report: null, full: null, sealed: null, problem: null },
      ];
      this.emit();
    }
    await this.open(reportId, this.generation);
    return this.entry(reportId)!;
  }

  /** Forgets every decrypted report (the key locked, or the reviewer signed out). */
  clear(): void {
    this.generation += 1;
    this.opener.close();
    this.filter = NO_FILTER;
    this.entries = [];
    this.nextBefore = null;
    this.loaded = false;
    this.loading = false;
    this.failure = null;
    this.emit();
  }

  /** Fetches a page and its age files; `opened` settles when every report of it is opened. */
  private async page(before: string | null): Promise<{ opened: Promise<void> }> {
    const nothing = { opened: Promise.resolve() };
    if (this.loading) return nothing;
    const generation = this.generation;
    this.loading = true;
    this.failure = null;
    this.emit();
    let metas: ReportMeta[];
    try {
      const page = await this.api.reports({ limit: this.pageSize, before });
      if (generation !== this.generation) return nothing;
      metas = page.reports.filter((meta) => !this.entry(meta.report_id));
      this.nextBefore = page.next_before;
      this.loaded = true;
      this.entries = [
        ...this.entries,
        ...metas.map((meta): QueueEntry => ({
          meta,
          state: "opening",
          report: null,
          full: null,
          sealed: null,
          problem: null,
        })),
      ];
    } catch (error) {
      if (generation !== this.generation) return nothing;
      this.failure = error instanceof Error && "code" in error ? String(error.code) : "network";
      this.loading = false;
      this.emit();
      return nothing;
    }
    this.loading = false;
    this.emit();
    // One request for the page's age files; a report it does not bring is fetched alone.
    const batch =
      metas.length > 0 ? await this.api.reportCiphertexts(metas.map((meta) => meta.report_id)).catch(() => null) : null;
    if (generation !== this.generation) return nothing;
    return {
      opened: runPool(metas, this.concurrency, (meta) =>
        this.open(meta.report_id, generation, batch?.ciphertexts.get(meta.report_id)),
      ),
    };
  }

  private async open(reportId: string, generation: number, fetched?: Uint8Array<ArrayBuffer>): Promise<void> {
    let next: Partial<QueueEntry>;
    try {
      const ciphertext = fetched ?? (await this.api.reportCiphertext(reportId));
      const { sealed, report: full } = await this.openGranted(reportId, ciphertext);
      this.keyring.learnReport(full);
      // A v1 report is shown as sealed, exactly as before v2; a v2 one through its v1 view.
      const report = sealed.version === REPORT_VERSION ? sealed : asV1(full);
      next = { state: "open", report, full, sealed, problem: null };
    } catch (error) {
      next = { state: "unreadable", report: null, full: null, sealed: null, problem: problemOf(error) };
    }
    if (generation !== this.generation) return;
    this.entries = this.entries.map((entry) => (entry.meta.report_id === reportId ? { ...entry, ...next } : entry));
    this.emitSoon();
    await this.raiseIfHappeningNow(reportId, generation);
  }

  /**
   * Opens with the report's own header, else with a grant header made for this reviewer (docs/crypto.md,
   * "Granting a report to a later reviewer"): the workers take their copy, the original stays here.
   */
  private async openGranted(reportId: string, ciphertext: Uint8Array<ArrayBuffer>): Promise<ReadReport> {
    try {
      return await this.opener.open(ciphertext.slice(), this.keyring.identity());
    } catch (error) {
      if (problemOf(error) !== "not_for_this_key") throw error;
      const identity = this.keyring.identity();
      const granted = await openableFile(ciphertext, [identity], async () =>
        headersOf((await this.api.reportGrants(reportId)).grants, null),
      );
      if (granted === ciphertext) throw error;
      return this.opener.open(granted, identity);
    }
  }

  /** A "happening now" report still at the default priority becomes urgent (docs/review.md). */
  private async raiseIfHappeningNow(reportId: string, generation: number): Promise<void> {
    const entry = this.entry(reportId);
    if (!entry?.report?.happeningNow || entry.meta.status !== "new" || entry.meta.priority !== "normal") return;
    try {
      const meta = await this.api.updateTriage(reportId, { priority: "urgent" });
      if (generation === this.generation) this.update(meta);
    } catch {
      // Another reviewer may have changed it; the queue still sorts it first.
    }
  }

  /** One redraw for the reports opened within EMIT_EVERY_MS, not one per report (1,000 rows each time). */
  private emitSoon(): void {
    if (this.emitTimer !== null) return;
    this.emitTimer = setTimeout(() => {
      this.emitTimer = null;
      this.emit();
    }, EMIT_EVERY_MS);
  }

  /** The last reports are opened: shown now, not up to EMIT_EVERY_MS later. */
  private emitNow(): void {
    if (this.emitTimer !== null) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.emit();
  }

  private emit(): void {
    const view = this.view();
    for (const listener of [...this.listeners]) listener(view);
  }
}
