/**
 * The queue in the browser: reports sealed by phones are fetched, opened with the reviewer's
 * unlocked key by a small pool, "happening now" first (and raised to urgent), searched and
 * filtered by what only the decrypted reports say.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

import { seal } from "../../shared/crypto";
import seedLetter from "../../shared/report/examples/seed-letter.v2.json";
import type { Report } from "../../shared/report/model";
import { readReport } from "../../shared/report/read";
import { upgradeV1 } from "../../shared/report/upgrade";
import { checkReportV2 } from "../../shared/report/v2";
import { asV1 } from "../../shared/report/v1View";
import { ApiError } from "../api";
import { MOTHER, NEIGHBOUR } from "../dossier/testing/seedCase";
import type { CiphertextBatch, Grant, ReportGrants, ReportMeta, ReportPage, TriagePatch } from "../apiTypes";
import { grantHeader } from "../../shared/crypto/grant";
import { base64 } from "@scure/base";
import { KeyRing } from "../keys/keyring";
import { reportMeta, reviewerKeys, sampleReport, sealReport } from "../testing/reports";
import { NO_FILTER, NONE, sortEntries, visibleEntries, type QueueEntry } from "./entries";
import { openReport, parseReport, ReportFormatError } from "./openReport";
import { runPool } from "./pool";
import { QueueStore, type QueueApi } from "./store";

let me: { identity: string; recipient: string };
let stranger: { identity: string; recipient: string };

beforeAll(async () => {
  [me, stranger] = [await reviewerKeys(), await reviewerKeys()];
});

/** A review API holding sealed reports, newest first, in pages of `limit`. */
class FakeReviewApi implements QueueApi {
  readonly metas: ReportMeta[] = [];
  readonly ciphertexts = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly patches: [string, TriagePatch][] = [];
  inFlight = 0;
  maxInFlight = 0;

  async add(id: string, receivedAt: string, ciphertext: Uint8Array<ArrayBuffer>, changes: Partial<ReportMeta> = {}) {
    this.metas.push(reportMeta(id, receivedAt, changes));
    this.metas.sort((a, b) => b.received_at.localeCompare(a.received_at));
    this.ciphertexts.set(id, ciphertext);
  }
  async reports({ limit = 1000, before = null }: { limit?: number; before?: string | null } = {}): Promise<ReportPage> {
    const older = this.metas.filter((meta) => before === null || meta.received_at < before);
    const page = older.slice(0, limit);
    return { reports: page, next_before: older.length > limit ? page.at(-1)!.received_at : null };
  }
  async report(id: string): Promise<ReportMeta> {
    return this.metas.find((meta) => meta.report_id === id)!;
  }
  async reportCiphertext(id: string): Promise<Uint8Array<ArrayBuffer>> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.inFlight -= 1;
    const ciphertext = this.ciphertexts.get(id);
    if (!ciphertext) throw new ApiError(404, "not_found", "no such report");
    return ciphertext;
  }
  readonly grants = new Map<string, Grant[]>();
  async reportGrants(id: string): Promise<ReportGrants> {
    return { grants: this.grants.get(id) ?? [], earlier_recipients: [] };
  }
  readonly batches: string[][] = [];
  async reportCiphertexts(ids: readonly string[]): Promise<CiphertextBatch> {
    this.batches.push([...ids]);
    const ciphertexts = new Map<string, Uint8Array<ArrayBuffer>>();
    for (const id of ids) {
      const ciphertext = this.ciphertexts.get(id);
      if (ciphertext && !this.inBlobs.has(id)) ciphertexts.set(id, ciphertext);
    }
    return { ciphertexts, inBlobs: ids.filter((id) => this.inBlobs.has(id)) };
  }
  /** Reports the batch leaves to a fetch of their own (large ones, in blob storage on the server). */
  readonly inBlobs = new Set<string>();
  async updateTriage(id: string, patch: TriagePatch): Promise<ReportMeta> {
    this.patches.push([id, patch]);
    const meta = this.metas.find((m) => m.report_id === id)!;
    Object.assign(meta, patch);
    return { ...meta };
  }
}

function unlockedKeyRing(): KeyRing {
  const keyring = new KeyRing();
  keyring.hold(me);
  return keyring;
}

async function settled(store: QueueStore): Promise<QueueEntry[]> {
  for (let i = 0; i < 200 && store.view().entries.some((e) => e.state === "opening"); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return [...store.view().entries];
}

const ids = (entries: readonly QueueEntry[]): string[] => entries.map((entry) => entry.meta.report_id);

describe("a reviewer's queue", () => {
  it("opens every report in the browser, a few at a time, happening now first", async () => {
    const api = new FakeReviewApi();
    const search = sampleReport({
      kinds: ["search"],
      happeningNow: true,
      where: { village: "bular_batyr", other: null, placeType: "home", gps: null },
    });
    await api.add("old", "2026-11-20T08:00:00Z", await sealReport(sampleReport(), [me.recipient]));
    await api.add("now", "2026-11-21T08:00:00Z", await sealReport(search, [me.recipient]));
    for (let i = 0; i < 6; i += 1) {
      await api.add(
        `r${i}`,
        `2026-11-22T0${i}:00:00Z`,
        await sealReport(sampleReport(), [me.recipient, stranger.recipient]),
      );
    }
    for (const meta of api.metas) api.inBlobs.add(meta.report_id); // every one fetched alone: the pool shows
    const store = new QueueStore(api, unlockedKeyRing(), { concurrency: 3 });
    await store.load();
    const entries = await settled(store);

    expect(entries.every((entry) => entry.state === "open")).toBe(true);
    expect(api.maxInFlight).toBeLessThanOrEqual(3);
    expect(api.maxInFlight).toBeGreaterThan(1);
    expect(store.entry("now")?.report?.kinds).toEqual(["search"]);
    expect(store.entry("now")?.full).toEqual(upgradeV1({ ...search, reply: null }));
    expect(ids(sortEntries(entries, "received_desc"))).toEqual(["now", "r5", "r4", "r3", "r2", "r1", "r0", "old"]);
    expect(ids(sortEntries(entries, "received_asc"))).toEqual(["now", "old", "r0", "r1", "r2", "r3", "r4", "r5"]);
  });

  it("fetches a page's age files in one request, and only the large ones alone", async () => {
    const api = new FakeReviewApi();
    for (let i = 0; i < 5; i += 1)
      await api.add(`r${i}`, `2026-11-2${i}T08:00:00Z`, await sealReport(sampleReport(), [me.recipient]));
    api.inBlobs.add("r2");
    const store = new QueueStore(api, unlockedKeyRing(), { pageSize: 3 });
    await store.load();
    const entries = await settled(store);

    expect(entries.every((entry) => entry.state === "open")).toBe(true);
    expect(api.batches).toEqual([
      ["r4", "r3", "r2"],
      ["r1", "r0"],
    ]);
    expect(api.maxInFlight).toBe(1); // r2 alone
  });

  it("fetches the next page while the one before is being opened, and shows the last report at once", async () => {
    const api = new FakeReviewApi();
    for (let i = 0; i < 4; i += 1)
      await api.add(`r${i}`, `2026-11-2${i}T08:00:00Z`, await sealReport(sampleReport(), [me.recipient]));
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const opener = {
      async open(ciphertext: Uint8Array<ArrayBuffer>, identity: string) {
        events.push("open");
        await held; // the workers are busy with the first page...
        return openReport(ciphertext, identity);
      },
      close: () => undefined,
    };
    const batches = api.reportCiphertexts.bind(api);
    api.reportCiphertexts = async (reportIds) => {
      events.push(`fetch ${reportIds.join(",")}`);
      return batches(reportIds);
    };
    const store = new QueueStore(api, unlockedKeyRing(), { pageSize: 2, opener });
    const shown: QueueEntry[][] = [];
    store.subscribe((view) => shown.push([...view.entries]));
    const loading = store.load();
    // ...and the second page is already here, not fetched only after the first is opened.
    await vi.waitFor(() => expect(events).toEqual(["fetch r3,r2", "open", "open", "fetch r1,r0", "open", "open"]));
    release();
    await loading;
    expect(shown.at(-1)!.map((entry) => entry.state)).toEqual(["open", "open", "open", "open"]); // not 250 ms later
  });

  it("raises a new happening-now report to urgent, and leaves other reports alone", async () => {
    const api = new FakeReviewApi();
    await api.add(
      "now",
      "2026-11-21T08:00:00Z",
      await sealReport(sampleReport({ happeningNow: true }), [me.recipient]),
    );
    await api.add(
      "seen",
      "2026-11-21T09:00:00Z",
      await sealReport(sampleReport({ happeningNow: true }), [me.recipient]),
      { status: "in_review" },
    );
    await api.add("calm", "2026-11-21T10:00:00Z", await sealReport(sampleReport(), [me.recipient]));
    const store = new QueueStore(api, unlockedKeyRing());
    await store.load();
    await settled(store);
    await vi.waitFor(() => expect(api.patches).toEqual([["now", { priority: "urgent" }]]));
    expect(store.entry("now")?.meta.priority).toBe("urgent");
  });

  it("loads every page, with before, until the oldest report", async () => {
    const api = new FakeReviewApi();
    for (let i = 0; i < 5; i += 1)
      await api.add(`r${i}`, `2026-11-2${i}T08:00:00Z`, await sealReport(sampleReport(), [me.recipient]));
    const store = new QueueStore(api, unlockedKeyRing(), { pageSize: 2 });
    await store.load();
    expect(ids(store.view().entries)).toEqual(["r4", "r3", "r2", "r1", "r0"]);
    expect(store.view().more).toBe(false);
    await settled(store);
  });

  it("opens a report sealed to others with a grant header made for this reviewer", async () => {
    const api = new FakeReviewApi();
    const theirs = await sealReport(sampleReport(), [stranger.recipient]);
    await api.add("granted", "2026-11-21T08:00:00Z", theirs);
    await api.add("not-granted", "2026-11-21T09:00:00Z", await sealReport(sampleReport(), [stranger.recipient]));
    const header = await grantHeader(theirs, [stranger.identity], [me.recipient]);
    const grant = (attachmentId: string | null): Grant => ({
      grant_id: "g",
      report_id: "granted",
      attachment_id: attachmentId,
      followup_id: null,
      granted_by: "someone",
      granted_at: "2026-11-22T08:00:00Z",
      recipients: [{ name: "Me", recipient: me.recipient }],
      header: base64.encode(header),
    });
    api.grants.set("granted", [grant("an-attachment"), grant(null)]);
    const store = new QueueStore(api, unlockedKeyRing());
    await store.load();
    await settled(store);
    expect(store.entry("granted")?.state).toBe("open");
    expect(store.entry("not-granted")).toMatchObject({ state: "unreadable", problem: "not_for_this_key" });
    expect(api.ciphertexts.get("granted")).toEqual(theirs);
  });

  it("marks a report sealed to other reviewers only as unreadable, without stopping the rest", async () => {
    const api = new FakeReviewApi();
    await api.add("theirs", "2026-11-21T08:00:00Z", await sealReport(sampleReport(), [stranger.recipient]));
    await api.add("mine", "2026-11-21T09:00:00Z", await sealReport(sampleReport(), [me.recipient]));
    await api.add(
      "garbled",
      "2026-11-21T10:00:00Z",
      new Uint8Array(await sealReport(sampleReport(), [me.recipient])).fill(7, 200, 210),
    );
    const store = new QueueStore(api, unlockedKeyRing());
    await store.load();
    await settled(store);
    expect(store.entry("mine")?.state).toBe("open");
    expect(store.entry("theirs")).toMatchObject({ state: "unreadable", problem: "not_for_this_key", report: null });
    expect(store.entry("garbled")?.state).toBe("unreadable");
  });

  it("forgets every decrypted report when cleared (the key locked)", async () => {
    const api = new FakeReviewApi();
    await api.add("mine", "2026-11-21T09:00:00Z", await sealReport(sampleReport(), [me.recipient]));
    const store = new QueueStore(api, unlockedKeyRing());
    await store.load();
    await settled(store);
    store.clear();
    expect(store.view().entries).toEqual([]);
  });

  it("filters by decrypted kind, village and text, and by status, assignee, label and case", async () => {
    const api = new FakeReviewApi();
    const torture = sampleReport({
      kinds: ["torture", "interrogation"],
      where: { village: "masanchi", other: null, placeType: "police_station", gps: null },
      account: "Надевали пакет на голову, били палкой",
      torture: { methods: ["bag_over_head"], object: null, details: null },
    });
    await api.add("a", "2026-11-21T08:00:00Z", await sealReport(sampleReport(), [me.recipient]), {
      assignee_id: "r9",
      labels: ["appeal"],
    });
    await api.add("b", "2026-11-21T09:00:00Z", await sealReport(torture, [me.recipient]), {
      status: "in_review",
      case_id: "c1",
    });
    const store = new QueueStore(api, unlockedKeyRing());
    await store.load();
    const entries = await settled(store);
    const shown = (filter: Partial<typeof NO_FILTER>): string[] =>
      ids(visibleEntries(entries, { ...NO_FILTER, ...filter }, "received_desc"));

    expect(shown({})).toEqual(["b", "a"]);
    expect(shown({ kind: "torture" })).toEqual(["b"]);
    expect(shown({ kind: "detention" })).toEqual(["a"]);
    expect(shown({ village: "sortobe" })).toEqual(["a"]);
    expect(shown({ text: "ПАКЕТ палкой" })).toEqual(["b"]);
    expect(shown({ text: "хасан" })).toEqual(["b", "a"]);
    expect(shown({ text: "масанчи" })).toEqual([]); // village names need the catalog's labels
    expect(ids(visibleEntries(entries, { ...NO_FILTER, text: "masanchi" }, "received_desc", (key) => key))).toEqual([
      "b",
    ]);
    expect(
      ids(visibleEntries(entries, { ...NO_FILTER, text: "bag_over_head" }, "received_desc", (key) => key)),
    ).toEqual(["b"]);
    expect(shown({ text: "nothing like it" })).toEqual([]);
    expect(shown({ status: "in_review" })).toEqual(["b"]);
    expect(shown({ assignee: "r9" })).toEqual(["a"]);
    expect(shown({ assignee: NONE })).toEqual(["b"]);
    expect(shown({ label: "appeal" })).toEqual(["a"]);
    expect(shown({ caseId: "c1" })).toEqual(["b"]);
    expect(shown({ caseId: NONE })).toEqual(["a"]);
  });

  it("sorts by when it happened, unknown times last", () => {
    const entry = (id: string, value: string | null): QueueEntry => ({
      meta: reportMeta(id, "2026-11-21T08:00:00Z"),
      state: "open",
      report: sampleReport({ when: { precision: value ? "approximate" : "unknown", value } }),
      full: null,
      sealed: null,
      problem: null,
    });
    const sorted = sortEntries(
      [entry("x", null), entry("y", "2020-04-28"), entry("z", "2020-04-29T06:00")],
      "when_desc",
    );
    expect(ids(sorted)).toEqual(["z", "y", "x"]);
  });
});

describe("a queue of reports of both versions", () => {
  it("shows a v1 report as sealed and a v2 one through its v1 view, keeping both as sealed", async () => {
    const api = new FakeReviewApi();
    const v1 = sampleReport();
    await api.add("v1", "2026-11-21T08:00:00Z", await sealReport(v1, [me.recipient]));
    const sealedV2 = await seal(new TextEncoder().encode(JSON.stringify(seedLetter)), [me.recipient]);
    await api.add("v2", "2026-11-22T08:00:00Z", new Uint8Array(sealedV2));
    const store = new QueueStore(api, unlockedKeyRing(), { concurrency: 2 });
    await store.load();
    await settled(store);

    expect(store.entry("v1")).toMatchObject({ state: "open", report: v1, sealed: v1, full: upgradeV1(v1) });
    const v2 = store.entry("v2")!;
    expect(v2).toMatchObject({ state: "open", sealed: seedLetter, full: seedLetter });
    expect(v2.report?.victims.map((victim) => victim.name)).toEqual(["Масанов Айдыр"]);
    expect(v2.report?.interrogation?.lawyerPresent).toBe("no");
  });
});

describe("the v1 reports the console's tests are built on", () => {
  it("read as valid v2 and come back unchanged through the v1 view", () => {
    // The dossier's fixtures name their reports "r-mother"...: a phone's id is a UUID.
    const asSent = (report: Report): Report => ({ ...report, reportId: crypto.randomUUID(), reply: null });
    for (const v1 of [sampleReport(), MOTHER, NEIGHBOUR].map(asSent)) {
      const read = readReport(new TextEncoder().encode(JSON.stringify(v1)));
      expect(checkReportV2(read)).toMatchObject({ ok: true });
      expect(asV1(read)).toEqual(v1);
    }
  });
});

describe("opening a report", () => {
  const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

  it("refuses what is not a kua.report it knows", () => {
    expect(() => parseReport(bytes({ ...sampleReport(), version: 2 }))).toThrow(ReportFormatError);
    expect(() => parseReport(bytes({ ...sampleReport(), version: 3 }))).toThrow(ReportFormatError);
    expect(() => parseReport(bytes({ ...sampleReport(), format: "other" }))).toThrow(ReportFormatError);
    expect(() => parseReport(bytes({ ...sampleReport(), injuries: null }))).toThrow(ReportFormatError);
    expect(() => parseReport(Uint8Array.of(0xff))).toThrow(ReportFormatError);
  });

  it("keeps a stored v1 report as sealed, read as v2 beside it", async () => {
    const keys = await reviewerKeys();
    const report = sampleReport();
    const { sealed, report: read } = await openReport(await sealReport(report, [keys.recipient]), keys.identity);
    expect(JSON.stringify(sealed)).toBe(JSON.stringify(report));
    expect(read).toEqual(upgradeV1(report));
  });

  it("opens a v2 report: the seed letter's victim, his detention and his injury", async () => {
    const keys = await reviewerKeys();
    const sealed = await seal(bytes(seedLetter), [keys.recipient]);
    const opened = await openReport(new Uint8Array(sealed), keys.identity);
    expect(opened.sealed).toEqual(seedLetter);
    const report = asV1(opened.report);
    expect(report.victims.map((v) => [v.name, v.age])).toEqual([["Масанов Айдыр", 34]]);
    expect(report.detention?.paperwork).toMatchObject({ warrant: "no", familyNotified: "no", lawyerAllowed: "no" });
    expect(report.interrogation).toMatchObject({ hours: 14, atNight: "yes", investigators: 5 });
    expect(report.injuries.map((i) => [i.victimId, i.region])).toEqual([["aydir", "back_upper"]]);
  });
});

describe("the pool", () => {
  it("runs every item, never more than its size at once, past failures", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      if (n === 3) throw new Error("one fails");
      done.push(n);
    });
    expect(most).toBe(2);
    expect(done.sort()).toEqual([1, 2, 4, 5, 6, 7]);
  });
});
