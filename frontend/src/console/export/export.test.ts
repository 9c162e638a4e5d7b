/**
 * Export bundles in the browser: a case or the whole archive gathered with the queue's own loading,
 * zipped (manifest, reports as opened, photos stored, cases, notes, nothing else) and sealed with
 * age to the exporting reviewer, and to the listed reviewers only when asked.
 */
import { generateHybridIdentity, identityToRecipient } from "age-encryption";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";

import { openRaw, seal, type RecipientList } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import type { PhotoRef, Report } from "../../shared/report/model";
import seedLetter from "../../shared/report/examples/seed-letter.v2.json";
import { ApiError } from "../api";
import type { CiphertextBatch, Note, ReportMeta, ReportPage, Reviewer } from "../apiTypes";
import type { OpenCase } from "../cases/book";
import enCatalog from "../i18n/locales/export/en.json";
import ruCatalog from "../i18n/locales/export/ru.json";
import { KeyRing } from "../keys/keyring";
import { inPage } from "../queue/openers";
import { QueueStore, type QueueApi } from "../queue/store";
import { sealText } from "../sealed/text";
import { reportMeta, reviewerKeys, sampleReport, sealReport } from "../testing/reports";
import { bundleFileName } from "./bundle";
import { ExportProblem, type ExportProgress } from "./collect";
import { makeBundle, type BundleSources, type ExportRequest } from "./make";
import type { ExportManifest } from "./manifest";
import { exportRecipients, MixedKeysError } from "./recipients";

type Keys = { identity: string; recipient: string };
let me: Keys;
let colleague: Keys;
let stranger: Keys;

beforeAll(async () => {
  [me, colleague, stranger] = [await reviewerKeys(), await reviewerKeys(), await reviewerKeys()];
});

const PHOTO = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...Array.from({ length: 3000 }, (_, i) => (i * 7) % 256),
]);
const ME: Reviewer = {
  id: "r-me",
  name: "Айгуль",
  role: "triager",
  recipient: "",
  recipient_state: "listed",
  state: "active",
};

/** The review API of a server holding sealed reports, photos and notes. */
class FakeServer implements QueueApi {
  readonly metas: ReportMeta[] = [];
  readonly ciphertexts = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly attachments = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly notesById = new Map<string, Note[]>();
  readonly fetchedAttachments: string[] = [];

  async add(
    report: Report,
    receivedAt: string,
    sealedTo: string[],
    changes: Partial<ReportMeta> = {},
  ): Promise<string> {
    const id = crypto.randomUUID();
    this.metas.push(reportMeta(id, receivedAt, changes));
    this.metas.sort((a, b) => b.received_at.localeCompare(a.received_at));
    this.ciphertexts.set(id, await sealReport(report, sealedTo));
    return id;
  }
  async reports({ limit = 1000, before = null }: { limit?: number; before?: string | null } = {}): Promise<ReportPage> {
    const older = this.metas.filter((meta) => before === null || meta.received_at < before);
    const page = older.slice(0, limit);
    return { reports: page, next_before: older.length > limit ? page.at(-1)!.received_at : null };
  }
  async report(id: string): Promise<ReportMeta> {
    const meta = this.metas.find((m) => m.report_id === id);
    if (!meta) throw new ApiError(404, "report_not_found", "no such report");
    return meta;
  }
  async reportCiphertext(id: string): Promise<Uint8Array<ArrayBuffer>> {
    return this.ciphertexts.get(id)!;
  }
  async reportCiphertexts(ids: readonly string[]): Promise<CiphertextBatch> {
    return { ciphertexts: new Map(ids.map((id) => [id, this.ciphertexts.get(id)!])), inBlobs: [] };
  }
  async updateTriage(id: string): Promise<ReportMeta> {
    return this.report(id);
  }
  async attachmentCiphertext(id: string): Promise<Uint8Array<ArrayBuffer>> {
    this.fetchedAttachments.push(id);
    const ciphertext = this.attachments.get(id);
    if (!ciphertext) throw new ApiError(404, "attachment_not_found", "no such attachment");
    return ciphertext;
  }
  async notes(reportId: string): Promise<Note[]> {
    return this.notesById.get(reportId) ?? [];
  }
}

async function photoRef(server: FakeServer, bytes: Uint8Array<ArrayBuffer>, sealedSha256?: string): Promise<PhotoRef> {
  const attachmentId = crypto.randomUUID();
  server.attachments.set(attachmentId, new Uint8Array(await seal(bytes, [me.recipient])));
  const sha256 = await sha256Hex(bytes);
  return {
    attachmentId,
    originalSha256: sha256,
    sealedSha256: sealedSha256 ?? sha256,
    capturedAt: null,
    downscaled: false,
    width: 40,
    height: 30,
  };
}

function injuryWith(photos: PhotoRef[]): Report["injuries"][number] {
  return {
    id: "i1",
    victimId: "v1",
    side: "back",
    region: "upper_back",
    x: 0.5,
    y: 0.3,
    type: "bruise",
    sizeCm: 4,
    shape: null,
    colour: "фиолетовый",
    happened: null,
    firstSeen: null,
    observedBy: null,
    photos,
  };
}

const list = (entries: Keys[]): RecipientList => ({
  version: 1,
  seq: 3,
  issuedAt: new Date(),
  notBefore: new Date(),
  notAfter: new Date(),
  recipientType: "x25519",
  recipients: entries.map((keys, i) => ({ keyId: String(i), name: `Reviewer ${i}`, recipient: keys.recipient })),
});

function sourcesFor(server: FakeServer, cases: OpenCase[], options: { pageSize?: number } = {}): BundleSources {
  const keyring = new KeyRing();
  keyring.hold({ identity: me.identity, recipient: me.recipient });
  return {
    api: server,
    keyring,
    queue: new QueueStore(server, keyring, { opener: inPage, pageSize: options.pageSize ?? 200 }),
    cases: { load: async () => undefined, list: () => cases },
    reviewers: new Map([[ME.id, ME]]),
    reviewer: ME,
    recipientList: async () => list([me, colleague]),
  };
}

/** The bundle opened with `identity`, as `kua export open` would: the ZIP's entries by name. */
async function opened(
  bytes: Uint8Array,
  identity = me.identity,
): Promise<{ files: Record<string, Uint8Array>; manifest: ExportManifest }> {
  const files = unzipSync(await openRaw(bytes, [identity]));
  return { files, manifest: JSON.parse(new TextDecoder().decode(files["manifest.json"])) as ExportManifest };
}

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

/** Whether `needle` appears in `haystack` byte for byte (a stored, not deflated, ZIP entry). */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const openCase = (caseId: string, reportIds: string[], title: string | null = "Задержание в Сортобе"): OpenCase => ({
  case: {
    case_id: caseId,
    title_ciphertext: "",
    created_at: "2026-11-25T10:00:00Z",
    created_by: ME.id,
    report_ids: reportIds,
  },
  title,
});

describe("an export of a case", () => {
  it("holds the manifest, each report as opened, the photos stored, the case and the notes; nothing else", async () => {
    // Given a case of three reports: one with a photo, one whose photo the report does not vouch for, one for another key
    const server = new FakeServer();
    const goodPhoto = await photoRef(server, PHOTO);
    const badPhoto = await photoRef(server, PHOTO.slice(0, 2000), "0".repeat(64));
    const withPhoto = sampleReport({ injuries: [injuryWith([goodPhoto])] });
    const received = (ref: PhotoRef) => ({ attachments: [{ attachment_id: ref.attachmentId, received: true }] });
    const first = await server.add(withPhoto, "2026-11-25T07:00:00Z", [me.recipient], {
      ...received(goodPhoto),
      case_id: "c1",
    });
    const second = await server.add(
      sampleReport({ otherPhotos: [badPhoto] }),
      "2026-11-25T08:00:00Z",
      [me.recipient],
      received(badPhoto),
    );
    const third = await server.add(sampleReport(), "2026-11-25T09:00:00Z", [stranger.recipient]);
    const outside = await server.add(sampleReport(), "2026-11-25T10:00:00Z", [me.recipient]);
    server.notesById.set(first, [
      {
        note_id: "n1",
        report_id: first,
        author_id: ME.id,
        created_at: "2026-11-26T09:00:00Z",
        ciphertext: await noteFor("Позвонить брату"),
      },
    ]);
    const sources = sourcesFor(server, [openCase("c1", [first, second, third])]);
    const phases: ExportProgress["phase"][] = [];

    // When the reviewer exports the case
    const request: ExportRequest = { scope: "case", caseId: "c1", others: false };
    const bundle = await makeBundle(
      sources,
      request,
      (p) => phases.push(p.phase),
      () => new Date("2026-12-02T09:00:00Z"),
    );

    // Then the bundle opens with the reviewer's key into exactly the listed files
    expect(bundle.fileName).toBe("kua-export-case-2026-12-02.age");
    const { files, manifest } = await opened(bundle.bytes);
    expect(Object.keys(files).sort()).toEqual(
      [
        "manifest.json",
        "cases.json",
        "notes.json",
        `reports/${first}.json`,
        `reports/${second}.json`,
        `attachments/${goodPhoto.attachmentId}`,
        `attachments/${badPhoto.attachmentId}`,
      ].sort(),
    );
    expect(text(files[`reports/${first}.json`])).toBe(JSON.stringify(withPhoto));
    expect(files[`attachments/${goodPhoto.attachmentId}`]).toEqual(PHOTO);
    expect(contains(await openRaw(bundle.bytes, [me.identity]), PHOTO)).toBe(true); // stored, not deflated
    expect(manifest).toMatchObject({
      format: "kua.export",
      version: 1,
      scope: "case",
      created_at: "2026-12-02T09:00:00.000Z",
    });
    expect(manifest.case).toEqual({ case_id: "c1", title: "Задержание в Сортобе" });
    expect(manifest.sealed_to).toEqual([{ name: ME.name, recipient: me.recipient }]);
    // And the report for another key is listed as unreadable, not dropped; the report outside the case is not there
    expect(manifest.reports.map((r) => [r.report_id, r.file === null, r.problem])).toEqual([
      [first, false, null],
      [second, false, null],
      [third, true, "not_for_this_key"],
    ]);
    expect(manifest.reports.map((r) => r.report_id)).not.toContain(outside);
    // And the photo whose hash the report does not vouch for is kept, flagged
    expect(manifest.attachments).toEqual([
      {
        attachment_id: goodPhoto.attachmentId,
        report_id: first,
        sha256: goodPhoto.sealedSha256,
        sealed_sha256: goodPhoto.sealedSha256,
        problem: null,
        file: `attachments/${goodPhoto.attachmentId}`,
      },
      expect.objectContaining({
        attachment_id: badPhoto.attachmentId,
        problem: "hash_mismatch",
        sealed_sha256: "0".repeat(64),
      }),
    ]);
    expect(JSON.parse(text(files["notes.json"]))).toEqual([
      {
        note_id: "n1",
        report_id: first,
        author_id: ME.id,
        author_name: ME.name,
        created_at: "2026-11-26T09:00:00Z",
        text: "Позвонить брату",
        problem: null,
      },
    ]);
    expect(JSON.parse(text(files["cases.json"]))).toEqual([
      {
        case_id: "c1",
        title: "Задержание в Сортобе",
        created_at: "2026-11-25T10:00:00Z",
        created_by: ME.id,
        report_ids: [first, second, third],
      },
    ]);
    expect(new Set(phases)).toEqual(new Set(["reports", "photos", "notes", "sealing"]));
  });

  it("holds a document's pages and its PDF, each checked against the hash its ref names", async () => {
    // Given a v2 report with a detention record: one page photographed, and a PDF the report does not vouch for
    const server = new FakeServer();
    const page = await photoRef(server, PHOTO);
    const pdfBytes = new TextEncoder().encode("%PDF-1.4\n% a detention record\n%%EOF\n");
    const pdfId = crypto.randomUUID();
    server.attachments.set(pdfId, new Uint8Array(await seal(pdfBytes, [me.recipient])));
    const fullPage = { ...page, mime: "image/png", bytes: PHOTO.length, source: "camera", fileTime: null };
    const pdf = {
      attachmentId: pdfId,
      mime: "application/pdf",
      name: "protokol.pdf",
      bytes: pdfBytes.length,
      sha256: "1".repeat(64),
      fileTime: null,
      capturedAt: "2026-11-25T12:00:00.000+05:00",
      signature: null,
    };
    const document = {
      id: "d1",
      type: "detention_protocol",
      caption: null,
      pages: [{ ...fullPage, previewAttachmentId: null, signature: null }],
      pdf,
    };
    const report = { ...seedLetter, reportId: crypto.randomUUID(), documents: [document] } as unknown as Report;
    const attachments = [page.attachmentId, pdfId].map((id) => ({ attachment_id: id, received: true }));
    const id = await server.add(report, "2026-11-25T07:00:00Z", [me.recipient], { attachments });

    // When the reviewer exports the archive
    const bundle = await makeBundle(sourcesFor(server, []), { scope: "archive", others: false });

    // Then the page and the PDF are in it as decrypted, the PDF flagged
    const { files, manifest } = await opened(bundle.bytes);
    expect(files[`attachments/${page.attachmentId}`]).toEqual(PHOTO);
    expect(files[`attachments/${pdfId}`]).toEqual(pdfBytes);
    expect(manifest.attachments.map((a) => [a.attachment_id, a.report_id, a.problem])).toEqual([
      [page.attachmentId, id, null],
      [pdfId, id, "hash_mismatch"],
    ]);
  });

  it("lists a photo the server does not have, or a report names by a bad id, without fetching it", async () => {
    const server = new FakeServer();
    const missing = await photoRef(server, PHOTO);
    const hostile = { ...(await photoRef(server, PHOTO)), attachmentId: "../../etc/passwd" };
    const id = await server.add(sampleReport({ otherPhotos: [missing, hostile] }), "2026-11-25T07:00:00Z", [
      me.recipient,
    ]);
    const bundle = await makeBundle(sourcesFor(server, [openCase("c1", [id])]), {
      scope: "case",
      caseId: "c1",
      others: false,
    });
    const { files, manifest } = await opened(bundle.bytes);
    expect(manifest.attachments.map((a) => [a.attachment_id, a.problem, a.file])).toEqual([
      [missing.attachmentId, "not_received", null],
      ["../../etc/passwd", "invalid_id", null],
    ]);
    expect(Object.keys(files).filter((name) => name.startsWith("attachments/"))).toEqual([]);
    expect(server.fetchedAttachments).toEqual([]);
  });

  it("is refused for a case the server no longer has", async () => {
    const request: ExportRequest = { scope: "case", caseId: "gone", others: false };
    await expect(makeBundle(sourcesFor(new FakeServer(), []), request)).rejects.toEqual(
      new ExportProblem("case_not_found"),
    );
  });
});

describe("an export of the archive", () => {
  it("holds every report, the pages not yet loaded too, and every case", async () => {
    const server = new FakeServer();
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1)
      ids.push(await server.add(sampleReport(), `2026-11-2${i}T07:00:00Z`, [me.recipient]));
    const cases = [openCase("c1", [ids[0]!]), openCase("c2", [ids[1]!], null)];
    const sources = sourcesFor(server, cases, { pageSize: 3 });
    const bundle = await makeBundle(
      sources,
      { scope: "archive", others: false },
      undefined,
      () => new Date("2026-12-02T09:00:00Z"),
    );
    expect(bundle.fileName).toBe("kua-export-archive-2026-12-02.age");
    const { files, manifest } = await opened(bundle.bytes);
    expect(manifest.scope).toBe("archive");
    expect(manifest.case).toBeUndefined();
    expect(manifest.reports.map((r) => r.report_id).sort()).toEqual([...ids].sort());
    expect(manifest.reports.every((r) => r.file !== null)).toBe(true);
    expect(
      (JSON.parse(text(files["cases.json"])) as { case_id: string; title: string | null }[]).map((c) => [
        c.case_id,
        c.title,
      ]),
    ).toEqual([
      ["c1", "Задержание в Сортобе"],
      ["c2", null],
    ]);
  });
});

describe("an export of the archive while the queue screen is loading it", () => {
  it("waits for that load instead of racing it, and misses no report", async () => {
    const server = new FakeServer();
    const ids: string[] = [];
    for (let i = 0; i < 8; i += 1)
      ids.push(await server.add(sampleReport(), `2026-11-1${i}T07:00:00Z`, [me.recipient]));
    const sources = sourcesFor(server, [], { pageSize: 2 });
    const screen = sources.queue.load(); // the queue screen's load, still going
    const bundle = await makeBundle(sources, { scope: "archive", others: false });
    await screen;
    const { manifest } = await opened(bundle.bytes);
    expect(manifest.reports.map((r) => r.report_id).sort()).toEqual([...ids].sort());
  });
});

describe("whom a bundle is sealed to", () => {
  it("is the exporting reviewer only, unless the other listed reviewers are asked for", async () => {
    const server = new FakeServer();
    const id = await server.add(sampleReport(), "2026-11-25T07:00:00Z", [me.recipient]);
    const sources = sourcesFor(server, [openCase("c1", [id])]);
    const mine = await makeBundle(sources, { scope: "case", caseId: "c1", others: false });
    await expect(openRaw(mine.bytes, [colleague.identity])).rejects.toThrow();
    const shared = await makeBundle(sources, { scope: "case", caseId: "c1", others: true });
    expect((await opened(shared.bytes, colleague.identity)).manifest.sealed_to.map((entry) => entry.recipient)).toEqual(
      [me.recipient, colleague.recipient],
    );
    await expect(openRaw(shared.bytes, [stranger.identity])).rejects.toThrow();
  });

  it("never mixes classic and post-quantum keys", async () => {
    const own = { name: "me", recipient: me.recipient };
    const pqRecipient = await identityToRecipient(await generateHybridIdentity());
    const pq = { ...list([]), recipients: [{ keyId: "1", name: "pq", recipient: pqRecipient }] };
    expect(() => exportRecipients(own, pq, true)).toThrow(MixedKeysError);
    expect(exportRecipients(own, pq, false)).toEqual([own]);
    expect(exportRecipients(own, list([me, colleague]), true)).toEqual([
      own,
      { name: "Reviewer 1", recipient: colleague.recipient },
    ]);
  });
});

describe("the export's words", () => {
  it("name the file after the scope and the day", () => {
    expect(bundleFileName("archive", new Date("2026-01-05T23:59:00Z"))).toBe("kua-export-archive-2026-01-05.age");
  });

  it("have every phase and problem the panel names, in Russian and English", () => {
    for (const catalog of [ruCatalog, enCatalog]) {
      expect(Object.keys(catalog.export.phases).sort()).toEqual(["notes", "photos", "reports", "sealing"]);
      expect(Object.keys(catalog.export.problems).sort()).toEqual(["MixedKeysError", "case_not_found", "queue_failed"]);
    }
  });
});

async function noteFor(body: string): Promise<string> {
  const sealed = await sealText(body, list([me]));
  return btoa(String.fromCharCode(...sealed));
}
