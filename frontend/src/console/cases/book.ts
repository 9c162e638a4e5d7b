/**
 * The coalition's cases with their titles opened in the browser (each title is an age file sealed
 * to the recipient list). Cleared when the key locks, like the queue.
 */
import type { RecipientList } from "../../shared/crypto";
import type { ReviewApi } from "../api";
import type { Case } from "../apiTypes";
import type { KeyRing } from "../keys/keyring";
import { openText, sealText } from "../sealed/text";

export interface OpenCase {
  case: Case;
  /** The decrypted title; null when it cannot be opened with this key. */
  title: string | null;
}

export type CaseApi = Pick<ReviewApi, "cases" | "createCase">;

export class CaseBook {
  private cases: OpenCase[] = [];
  private loaded = false;
  private generation = 0;
  private readonly listeners = new Set<(cases: readonly OpenCase[]) => void>();

  constructor(
    private readonly api: CaseApi,
    private readonly keyring: KeyRing,
  ) {}

  list(): readonly OpenCase[] {
    return this.cases;
  }

  subscribe(listener: (cases: readonly OpenCase[]) => void): () => void {
    this.listeners.add(listener);
    listener(this.cases);
    return () => this.listeners.delete(listener);
  }

  /** Fetches every case and opens its title (once, unless `refresh`). */
  async load(refresh = false): Promise<void> {
    if (this.loaded && !refresh) return;
    const generation = this.generation;
    const cases = await this.api.cases();
    const opened = await Promise.all(cases.map((item) => this.open(item)));
    if (generation !== this.generation) return;
    this.cases = opened;
    this.loaded = true;
    this.emit();
  }

  /** Seals `title` to the verified list and creates the case. */
  async create(title: string, list: RecipientList): Promise<OpenCase> {
    const created = await this.api.createCase(await sealText(title, list));
    const opened = { case: created, title };
    this.cases = [...this.cases.filter((c) => c.case.case_id !== created.case_id), opened];
    this.emit();
    return opened;
  }

  /** Records that a report joined (or left) a case, as the server now says. */
  linked(reportId: string, caseId: string | null): void {
    this.cases = this.cases.map((item) => {
      const others = item.case.report_ids.filter((id) => id !== reportId);
      const report_ids = item.case.case_id === caseId ? [...others, reportId] : others;
      return { ...item, case: { ...item.case, report_ids } };
    });
    this.emit();
  }

  clear(): void {
    this.generation += 1;
    this.cases = [];
    this.loaded = false;
    this.emit();
  }

  private async open(item: Case): Promise<OpenCase> {
    try {
      return { case: item, title: await openText(item.title_ciphertext, this.keyring.identity()) };
    } catch {
      return { case: item, title: null };
    }
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.cases);
  }
}
