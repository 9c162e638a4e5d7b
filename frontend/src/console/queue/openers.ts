/**
 * Who opens a report's age file: a few workers (one per core, at most four) where the browser has
 * them, or the page itself (tests under Node, or a browser without module workers).
 */
import type { ReadReport } from "../../shared/report/read";
import type { OpenAnswer, OpenRequest } from "./openerWorker";
import { openReport } from "./openReport";
import { OpenProblem } from "./problems";

export interface ReportOpener {
  open(ciphertext: Uint8Array<ArrayBuffer>, identity: string): Promise<ReadReport>;
  /** Ends the workers (the key locked): nothing keeps the identity. */
  close(): void;
}

export const inPage: ReportOpener = { open: openReport, close: () => undefined };

const MAX_WORKERS = 4;

export class WorkerOpener implements ReportOpener {
  private workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (report: ReadReport) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;

  open(ciphertext: Uint8Array<ArrayBuffer>, identity: string): Promise<ReadReport> {
    if (this.workers.length === 0) this.start();
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: OpenRequest = { id, identity, ciphertext };
      worker.postMessage(request, [ciphertext.buffer]);
    });
  }

  close(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
    for (const { reject } of this.pending.values()) reject(new OpenProblem("cannot_open"));
    this.pending.clear();
  }

  private start(): void {
    const count = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2));
    for (let i = 0; i < count; i += 1) {
      const worker = new Worker(new URL("./openerWorker.ts", import.meta.url), {
        type: "module",
        name: "review-opener",
      });
      worker.onmessage = (event: MessageEvent<OpenAnswer>) => this.answer(event.data);
      this.workers.push(worker);
    }
  }

  private answer(answer: OpenAnswer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if ("problem" in answer) waiting.reject(new OpenProblem(answer.problem));
    else waiting.resolve(answer.report as ReadReport);
  }
}

/** Workers where the browser has them, else the page. */
export function defaultOpener(): ReportOpener {
  return typeof Worker === "undefined" ? inPage : new WorkerOpener();
}
