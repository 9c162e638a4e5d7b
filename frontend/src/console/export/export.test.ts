/**
 * Export bundles in the browser: a case or the whole archive gathered with the queue's own loading,
 * zipped (manifest, reports as opened, photos stored, cases, notes, the family's answers, the saved
 * drafts, nothing else) and sealed with age to the exporting reviewer, and to the listed reviewers
 * only when asked.
 */
import { generateHybridIdentity, identityToRecipient } from "age-encryption";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";

import { openRaw, seal, type RecipientList } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import type { PhotoRef, Report } from "../../shared/report/model";
import seedLetter from "../../shared/report/examples/seed-letter.v2.json";
import { ApiError, ReviewApi, type SavedDraft } from "../api";
import type {
  CiphertextBatch,
  Followup,
  Grant,
  Note,
  ReportGrants,
  ReportMeta,
  ReportPage,
  Reviewer,
} from "../apiTypes";
import type { OpenCase } from "../cases/book";
import enCatalog from "../i18n/locales/export/en.json";
import ruCatalog from "../i18n/locales/export/ru.json";
import { KeyRing } from "../keys/keyring";
import { inPage } from "../queue/openers";
import { QueueStore, type QueueApi } from "../queue/store";
import { sealText } from "../sealed/text";
import { json, refusal, scriptedFetch } from "../testing/fetch";
import { reportMeta, reviewerKeys, sampleReport, sealReport } from "../testing/reports";
import { bundleFileName } from "./bundle";
import { ExportProblem, type ExportProgress } from "./collect";
import { draftsOf } from "./drafts";
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

/** The review API of a server holding sealed reports, photos, notes, follow-ups and saved drafts. */
class FakeServer implements QueueApi {
  readonly metas: ReportMeta[] = [];
  readonly ciphertexts = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly attachments = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly notesById = new Map<string, Note[]>();
  readonly fetchedAttachments: string[] = [];
  /** Each report's follow-ups (facts, oldest first) and every follow-up's age file; "down" fails the list. */
  readonly followupsById = new Map<string, Followup[] | "down">();
  readonly followupCiphertexts = new Map<string, Uint8Array<ArrayBuffer>>();
  /** Each case's saved drafts; a case missing here is unknown to the server (404), "down" fails. */
  readonly draftsByCase = new Map<string, SavedDraft[] | "down">();

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
  async attachmentGrants(): Promise<Grant[]> {
    return [];
  }
  async reportGrants(): Promise<ReportGrants> {
    return { grants: [], earlier_recipients: [] };
  }
  async notes(reportId: string): Promise<Note[]> {
    return this.notesById.get(reportId) ?? [];
  }
  async followups(reportId: string): Promise<Followup[]> {
    const listed = this.followupsById.get(reportId) ?? [];
    if (listed === "down") throw new ApiError(503, "network", "the server is down");
    return listed;
  }
  async followupCiphertext(followupId: string): Promise<Uint8Array<ArrayBuffer>> {
    const ciphertext = this.followupCiphertexts.get(followupId);
    if (!ciphertext) throw new ApiError(404, "message_not_found", "no such follow-up");
    return ciphertext;
  }
  async caseDrafts(caseId: string): Promise<SavedDraft[]> {
    const drafts = this.draftsByCase.get(caseId);
    if (drafts === undefined) throw new ApiError(404, "case_not_found", "no such case");
    if (drafts === "down") throw new ApiError(503, "network", "the server is down");
    return drafts;
  }

  /** A follow-up of `reportId` stored as the server stores it: facts listed, its age file apart. */
  async addFollowup(
    reportId: string,
    id: string,
    kind: "question" | "answer",
    plaintext: object,
    sealedTo: string[],
    createdAt: string,
  ): Promise<void> {
    const listed = this.followupsById.get(reportId);
    const followup: Followup = {
      followup_id: id,
      report_id: reportId,
      kind,
      author_id: kind === "question" ? ME.id : null,
      created_at: createdAt,
      sha256: "0".repeat(64),
      size: 600,
    };
    this.followupsById.set(reportId, [...(Array.isArray(listed) ? listed : []), followup]);
    this.followupCiphertexts.set(
      id,
      new Uint8Array(await seal(new TextEncoder().encode(JSON.stringify(plaintext)), sealedTo)),
    );
  }

  /** A saved version of a draft, sealed to `sealedTo`. */
  async saveDraft(caseId: string, plaintext: object, sealedTo: Keys[], createdAt: string): Promise<SavedDraft> {
    const listed = this.draftsByCase.get(caseId);
    const earlier = Array.isArray(listed) ? listed : [];
    const ciphertext = await sealText(JSON.stringify(plaintext), list(sealedTo));
    const draft: SavedDraft = {
      draft_id: crypto.randomUUID(),
      case_id: caseId,
      version: earlier.length + 1,
      author_id: ME.id,
      created_at: createdAt,
      size: ciphertext.length,
      ciphertext: btoa(String.fromCharCode(...ciphertext)),
    };
    this.draftsByCase.set(caseId, [...earlier, draft]);
    return draft;
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
    const received = (ref: PhotoRef) => ({
      attachments: [{ attachment_id: ref.attachmentId, received: true, withdrawn: false }],
    });
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
        "followups.json",
        "drafts.json",
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
    expect(new Set(phases)).toEqual(new Set(["reports", "followups", "photos", "notes", "drafts", "sealing"]));
    // And a case without follow-ups or saved drafts has empty lists of them
    expect(JSON.parse(text(files["followups.json"]))).toEqual([]);
    expect(JSON.parse(text(files["drafts.json"]))).toEqual([]);
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
    const attachments = [page.attachmentId, pdfId].map((id) => ({
      attachment_id: id,
      received: true,
      withdrawn: false,
    }));
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

  it("holds the photos of a report sealed to its own identity and older ones alike, never that identity", async () => {
    // Given a v2 report whose page is sealed to the report's attachment identity, and an older photo sealed to the list
    const server = new FakeServer();
    const own = await reviewerKeys();
    const older = await photoRef(server, PHOTO);
    const page = await photoRef(server, PHOTO.slice(0, 3000));
    server.attachments.set(page.attachmentId, new Uint8Array(await seal(PHOTO.slice(0, 3000), [own.recipient])));
    const fullPage = { ...page, mime: "image/png", bytes: 3000, source: "camera", fileTime: null };
    const document = {
      id: "d1",
      type: "detention_protocol",
      caption: null,
      pages: [{ ...fullPage, previewAttachmentId: null, signature: null }],
      pdf: null,
    };
    const report = {
      ...seedLetter,
      reportId: crypto.randomUUID(),
      documents: [document],
      otherPhotos: [
        {
          ...older,
          mime: null,
          bytes: PHOTO.length,
          source: null,
          fileTime: null,
          previewAttachmentId: null,
          signature: null,
        },
      ],
      attachmentIdentity: own.identity,
    } as unknown as Report;
    const attachments = [page.attachmentId, older.attachmentId].map((id) => ({
      attachment_id: id,
      received: true,
      withdrawn: false,
    }));
    const id = await server.add(report, "2026-11-25T07:00:00Z", [me.recipient], { attachments });

    // When the reviewer exports the archive
    const bundle = await makeBundle(sourcesFor(server, []), { scope: "archive", others: false });

    // Then both are in it as decrypted and checked, and the report's JSON does not carry the identity
    const { files, manifest } = await opened(bundle.bytes);
    expect(files[`attachments/${page.attachmentId}`]).toEqual(PHOTO.slice(0, 3000));
    expect(files[`attachments/${older.attachmentId}`]).toEqual(PHOTO);
    expect(manifest.attachments.filter((a) => a.report_id === id).map((a) => a.problem)).toEqual([null, null]);
    const exported = text(files[`reports/${id}.json`]);
    expect(exported).toContain(page.attachmentId);
    expect(exported).not.toContain("attachmentIdentity");
    expect(exported).not.toContain(own.identity);
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

  it("lists an original the relative chose not to send as withdrawn, not as not received", async () => {
    const server = new FakeServer();
    const stopped = await photoRef(server, PHOTO);
    const attachments = [{ attachment_id: stopped.attachmentId, received: false, withdrawn: true }];
    const id = await server.add(sampleReport({ otherPhotos: [stopped] }), "2026-11-25T07:00:00Z", [me.recipient], {
      attachments,
    });
    const bundle = await makeBundle(sourcesFor(server, [openCase("c1", [id])]), {
      scope: "case",
      caseId: "c1",
      others: false,
    });
    const { manifest } = await opened(bundle.bytes);
    expect(manifest.attachments.map((a) => [a.attachment_id, a.problem, a.file])).toEqual([
      [stopped.attachmentId, "withdrawn", null],
    ]);
    expect(server.fetchedAttachments).toEqual([]);
  });

  it("is refused for a case the server no longer has", async () => {
    const request: ExportRequest = { scope: "case", caseId: "gone", others: false };
    await expect(makeBundle(sourcesFor(new FakeServer(), []), request)).rejects.toEqual(
      new ExportProblem("case_not_found"),
    );
  });
});

const uuid = (): string => crypto.randomUUID();

const question = (reportId: string, questionId: string, body: string) => ({
  format: "kua.question",
  version: 1,
  reportId,
  questionId,
  text: body,
  askedAt: "2026-11-26T09:00:00.000Z",
});

const answer = (reportId: string, questionId: string, answerId: string, body: string, media?: object) => ({
  format: "kua.answer",
  version: 1,
  reportId,
  questionId,
  answerId,
  text: body,
  writtenAt: "2026-11-27T14:55:00+05:00",
  ...(media ? { media, device: null } : {}),
});

const draft = (body: string) => ({
  format: "kua.draft",
  version: 1,
  addressee: "prosecutor",
  language: "ru",
  variant: null,
  text: body,
});

/** A file sealed to the reviewer as the phone seals an answer's attachment; its id. */
async function sealedFile(server: FakeServer, bytes: Uint8Array): Promise<string> {
  const attachmentId = crypto.randomUUID();
  server.attachments.set(attachmentId, new Uint8Array(await seal(bytes, [me.recipient])));
  return attachmentId;
}

describe("an export of a case the family answered questions about", () => {
  it("holds each question with its answers and their media checked, and lists what could not be opened", async () => {
    // Given a report the coalition asked about twice: once sealed to the reviewers too, once for the phone only
    const server = new FakeServer();
    const phone = await reviewerKeys();
    const reportId = await server.add(sampleReport(), "2026-11-25T07:00:00Z", [me.recipient]);
    const [asked, familyOnly, answered, unreadable, lost] = [uuid(), uuid(), uuid(), uuid(), uuid()];
    await server.addFollowup(
      reportId,
      asked,
      "question",
      question(reportId, asked, "Приходил ли врач?"),
      [phone.recipient, me.recipient],
      "2026-11-26T09:00:00Z",
    );
    await server.addFollowup(
      reportId,
      familyOnly,
      "question",
      question(reportId, familyOnly, "Как зовут офицера?"),
      [phone.recipient],
      "2026-11-26T09:05:00Z",
    );
    // And the family's answer with a photo, a photo not uploaded yet, a PDF it does not vouch for, a recording
    const photo = await photoRef(server, PHOTO);
    const notUploaded = { ...(await photoRef(server, PHOTO)), attachmentId: crypto.randomUUID() };
    const pdfBytes = new TextEncoder().encode("%PDF-1.4\n% a doctor's certificate\n%%EOF\n");
    const pdfId = await sealedFile(server, pdfBytes);
    const voiceBytes = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...Array.from({ length: 500 }, (_, i) => i % 251)]);
    const voiceId = await sealedFile(server, voiceBytes);
    const media = {
      photos: [photo, notUploaded],
      voice: [{ attachmentId: voiceId, field: "answer", mime: "audio/webm", sha256: await sha256Hex(voiceBytes) }],
      documents: [
        { id: "d1", type: "medical", caption: null, pages: [], pdf: { attachmentId: pdfId, sha256: "1".repeat(64) } },
      ],
    };
    const words = "Да, врач приходил 26-го, снял побои.";
    await server.addFollowup(
      reportId,
      answered,
      "answer",
      answer(reportId, asked, answered, words, media),
      [me.recipient],
      "2026-11-27T10:00:00Z",
    );
    // And an answer sealed to another key, and one the server lists but cannot hand over
    await server.addFollowup(
      reportId,
      unreadable,
      "answer",
      answer(reportId, asked, unreadable, "…"),
      [stranger.recipient],
      "2026-11-27T11:00:00Z",
    );
    await server.addFollowup(
      reportId,
      lost,
      "answer",
      answer(reportId, asked, lost, "…"),
      [me.recipient],
      "2026-11-27T12:00:00Z",
    );
    server.followupCiphertexts.delete(lost);
    // And the case's prosecutor draft saved twice, a third version for another key, a fourth that is no draft
    const v1 = await server.saveDraft("c1", draft("Прошу провести проверку."), [me], "2026-11-28T09:00:00Z");
    const v2 = await server.saveDraft(
      "c1",
      draft("Прошу зарегистрировать в ЕРДР."),
      [me, colleague],
      "2026-11-28T10:00:00Z",
    );
    await server.saveDraft("c1", draft("…"), [stranger], "2026-11-28T11:00:00Z");
    await server.saveDraft("c1", { format: "kua.note", text: "…" }, [me], "2026-11-28T12:00:00Z");
    await server.saveDraft("c2", draft("Другое дело."), [me], "2026-11-28T12:00:00Z");

    // When the reviewer exports the case
    const bundle = await makeBundle(sourcesFor(server, [openCase("c1", [reportId])]), {
      scope: "case",
      caseId: "c1",
      others: false,
    });

    // Then followups.json holds the question, the family's words under it and what they sent
    expect(bundle.counts).toEqual({ answers: 3, drafts: 4 });
    const { files, manifest } = await opened(bundle.bytes);
    const followups = JSON.parse(text(files["followups.json"])) as unknown[];
    const none = { asked_at: null, asked_by: null, text: null };
    expect(followups).toEqual([
      {
        report_id: reportId,
        question_id: asked,
        asked_at: "2026-11-26T09:00:00Z",
        asked_by: { id: ME.id, name: ME.name },
        text: "Приходил ли врач?",
        answers: [
          {
            answer_id: answered,
            received_at: "2026-11-27T10:00:00Z",
            written_at: "2026-11-27T14:55:00+05:00",
            text: words,
            media: [
              { attachment_id: photo.attachmentId, kind: "photo", sha256: photo.sealedSha256 },
              { attachment_id: notUploaded.attachmentId, kind: "photo", sha256: notUploaded.sealedSha256 },
              { attachment_id: pdfId, kind: "pdf", sha256: "1".repeat(64) },
              { attachment_id: voiceId, kind: "voice", sha256: await sha256Hex(voiceBytes) },
            ],
            problem: null,
          },
        ],
        problem: null,
      },
      // And the question sealed for the phone only is listed with its problem
      {
        report_id: reportId,
        question_id: familyOnly,
        asked_at: "2026-11-26T09:05:00Z",
        asked_by: { id: ME.id, name: ME.name },
        text: null,
        answers: [],
        problem: "not_for_this_key",
      },
      // And the answers that could not be opened come last, each with its problem
      {
        report_id: reportId,
        question_id: null,
        ...none,
        answers: [
          {
            answer_id: unreadable,
            received_at: "2026-11-27T11:00:00Z",
            written_at: null,
            text: null,
            media: [],
            problem: "not_for_this_key",
          },
          {
            answer_id: lost,
            received_at: "2026-11-27T12:00:00Z",
            written_at: null,
            text: null,
            media: [],
            problem: "fetch_failed",
          },
        ],
        problem: null,
      },
    ]);
    // And the answer's media are in the bundle, decrypted, named by the answer; the PDF flagged, the missing photo listed
    expect(files[`attachments/${photo.attachmentId}`]).toEqual(PHOTO);
    expect(files[`attachments/${voiceId}`]).toEqual(voiceBytes);
    expect(files[`attachments/${pdfId}`]).toEqual(pdfBytes);
    expect(files[`attachments/${notUploaded.attachmentId}`]).toBeUndefined();
    expect(
      manifest.attachments.map((a) => [a.attachment_id, a.report_id, a.answer_id, a.problem, a.file !== null]),
    ).toEqual([
      [photo.attachmentId, reportId, answered, null, true],
      [notUploaded.attachmentId, reportId, answered, "not_received", false],
      [pdfId, reportId, answered, "hash_mismatch", true],
      [voiceId, reportId, answered, null, true],
    ]);
    // And drafts.json holds every saved version of this case's drafts, oldest first, opened or with its problem
    const drafts = JSON.parse(text(files["drafts.json"])) as {
      version: number;
      text: string | null;
      problem: string | null;
    }[];
    expect(drafts.map((d) => [d.version, d.text, d.problem])).toEqual([
      [1, "Прошу провести проверку.", null],
      [2, "Прошу зарегистрировать в ЕРДР.", null],
      [3, null, "not_for_this_key"],
      [4, null, "malformed"],
    ]);
    expect(drafts[1]).toEqual({
      case_id: "c1",
      draft_id: v2.draft_id,
      version: 2,
      author: { id: ME.id, name: ME.name },
      created_at: "2026-11-28T10:00:00Z",
      addressee: "prosecutor",
      language: "ru",
      variant: null,
      text: "Прошу зарегистрировать в ЕРДР.",
      problem: null,
    });
    expect(drafts.map((d) => (d as unknown as { draft_id: string }).draft_id)).toContain(v1.draft_id);
  });

  it("lists an answer naming an id that is not a UUID, without fetching it", async () => {
    const server = new FakeServer();
    const reportId = await server.add(sampleReport(), "2026-11-25T07:00:00Z", [me.recipient]);
    const [asked, answered] = [uuid(), uuid()];
    await server.addFollowup(
      reportId,
      asked,
      "question",
      question(reportId, asked, "?"),
      [me.recipient],
      "2026-11-26T09:00:00Z",
    );
    const hostile = {
      photos: [{ attachmentId: "../../etc/passwd", sealedSha256: "0".repeat(64) }],
      voice: [],
      documents: [],
    };
    await server.addFollowup(
      reportId,
      answered,
      "answer",
      answer(reportId, asked, answered, "…", hostile),
      [me.recipient],
      "2026-11-27T10:00:00Z",
    );
    const bundle = await makeBundle(sourcesFor(server, [openCase("c1", [reportId])]), {
      scope: "case",
      caseId: "c1",
      others: false,
    });
    const { manifest } = await opened(bundle.bytes);
    expect(manifest.attachments).toEqual([
      {
        attachment_id: "../../etc/passwd",
        report_id: reportId,
        answer_id: answered,
        sha256: null,
        sealed_sha256: "0".repeat(64),
        problem: "invalid_id",
        file: null,
      },
    ]);
    expect(server.fetchedAttachments).toEqual([]);
  });
});

describe("an attachment named twice", () => {
  it("is fetched and listed once, under the report that named it first", async () => {
    const server = new FakeServer();
    const photo = await photoRef(server, PHOTO);
    const received = { attachments: [{ attachment_id: photo.attachmentId, received: true, withdrawn: false }] };
    const first = await server.add(
      sampleReport({ otherPhotos: [photo] }),
      "2026-11-25T07:00:00Z",
      [me.recipient],
      received,
    );
    const second = await server.add(
      sampleReport({ otherPhotos: [photo] }),
      "2026-11-25T08:00:00Z",
      [me.recipient],
      received,
    );
    const [asked, answered] = [uuid(), uuid()];
    await server.addFollowup(
      second,
      asked,
      "question",
      question(second, asked, "?"),
      [me.recipient],
      "2026-11-26T09:00:00Z",
    );
    const media = { photos: [photo], voice: [], documents: [] };
    await server.addFollowup(
      second,
      answered,
      "answer",
      answer(second, asked, answered, "…", media),
      [me.recipient],
      "2026-11-27T10:00:00Z",
    );

    const bundle = await makeBundle(sourcesFor(server, [openCase("c1", [first, second])]), {
      scope: "case",
      caseId: "c1",
      others: false,
    });

    const { manifest } = await opened(bundle.bytes);
    expect(manifest.attachments.map((a) => [a.attachment_id, a.report_id, a.answer_id])).toEqual([
      [photo.attachmentId, first, undefined],
    ]);
    expect(server.fetchedAttachments).toEqual([photo.attachmentId]);
  });
});

describe("an export of the archive and its saved drafts", () => {
  it("holds every case's drafts: none for a case the server does not know, a problem for a list it cannot give", async () => {
    const server = new FakeServer();
    const reportId = await server.add(sampleReport(), "2026-11-25T07:00:00Z", [me.recipient]);
    server.followupsById.set(reportId, "down");
    await server.saveDraft("c1", draft("Первое дело."), [me], "2026-11-28T09:00:00Z");
    await server.saveDraft(
      "c2",
      { ...draft("Second case."), addressee: "un", language: "en", variant: "allegation_letter" },
      [me],
      "2026-11-28T10:00:00Z",
    );
    server.draftsByCase.set("c4", "down");
    const cases = [openCase("c1", [reportId]), openCase("c2", []), openCase("c3", []), openCase("c4", [])];

    const bundle = await makeBundle(sourcesFor(server, cases), { scope: "archive", others: false });

    const { files } = await opened(bundle.bytes);
    const drafts = JSON.parse(text(files["drafts.json"])) as Record<string, unknown>[];
    expect(drafts.map((d) => [d.case_id, d.addressee, d.language, d.variant, d.text, d.problem])).toEqual([
      ["c1", "prosecutor", "ru", null, "Первое дело.", null],
      ["c2", "un", "en", "allegation_letter", "Second case.", null],
      ["c4", null, null, null, null, "fetch_failed"],
    ]);
    // And a report whose follow-ups the server could not list says so
    expect(JSON.parse(text(files["followups.json"]))).toEqual([
      {
        report_id: reportId,
        question_id: null,
        asked_at: null,
        asked_by: null,
        text: null,
        answers: [],
        problem: "fetch_failed",
      },
    ]);
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

describe("the saved drafts the export asks the server for", () => {
  it("are a case's, at the contract's path, and a case the server does not know has none", async () => {
    const saved: SavedDraft = {
      draft_id: uuid(),
      case_id: "c1",
      version: 1,
      author_id: ME.id,
      created_at: "2026-11-28T09:00:00Z",
      size: 300,
      ciphertext: "YWdl",
    };
    const { fetch, requests } = scriptedFetch((request) =>
      request.url.includes("/cases/c1/") ? json(200, { drafts: [saved] }) : refusal(404, "case_not_found"),
    );
    const api = new ReviewApi({ fetch });
    expect(await api.caseDrafts("c1")).toEqual([saved]);
    const sources = { api, keyring: new KeyRing(), reviewers: new Map<string, Reviewer>() };
    expect(await draftsOf(sources, "gone")).toEqual([]);
    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ["GET", "/api/v1/review/cases/c1/drafts"],
      ["GET", "/api/v1/review/cases/gone/drafts"],
    ]);
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
      expect(Object.keys(catalog.export.phases).sort()).toEqual([
        "drafts",
        "followups",
        "notes",
        "photos",
        "reports",
        "sealing",
      ]);
      expect(Object.keys(catalog.export.problems).sort()).toEqual(["MixedKeysError", "case_not_found", "queue_failed"]);
    }
  });
});

async function noteFor(body: string): Promise<string> {
  const sealed = await sealText(body, list([me]));
  return btoa(String.fromCharCode(...sealed));
}
