/**
 * Granting from the console: who is offered (the current list, less those listed before the report,
 * oneself and those granted already), what one grant request carries, and opening what was granted.
 */
import { base64 } from "@scure/base";
import { Decrypter } from "age-encryption";
import { beforeAll, describe, expect, it } from "vitest";

import { open, openRaw, seal, sealRaw, type RecipientList } from "../../shared/crypto";
import seedLetter from "../../shared/report/examples/seed-letter.v2.json";
import { withHeader } from "../../shared/crypto/grant";
import { ApiError } from "../api";
import type { AttachmentMeta, Followup, Grant, GrantRequest, ReportGrants } from "../apiTypes";
import { openMessage } from "../followups/seal";
import { reviewerKeys } from "../testing/reports";
import { openableFollowup } from "./answers";
import { grantEverything, grantReport, headersOf, joinedLater, openableAttachment, type GrantsApi } from "./grants";

type Keys = Awaited<ReturnType<typeof reviewerKeys>>;
let a: Keys, b: Keys, c: Keys;

beforeAll(async () => {
  [a, b, c] = [await reviewerKeys(), await reviewerKeys(), await reviewerKeys()];
});

const list = (...entries: Keys[]): RecipientList => ({
  version: 1,
  seq: 2,
  issuedAt: new Date(),
  notBefore: new Date(),
  notAfter: new Date(),
  recipientType: "x25519",
  recipients: entries.map((keys, i) => ({ keyId: `k${i}`, name: `Reviewer ${i}`, recipient: keys.recipient })),
});

const text = (s: string) => new TextEncoder().encode(s);

class FakeServer implements GrantsApi {
  readonly files = new Map<string, Uint8Array<ArrayBuffer>>();
  readonly earlier: string[] = [];
  readonly requests: [string, GrantRequest][] = [];
  readonly answers: Followup[] = [];
  grants: Grant[] = [];

  async reportCiphertext(id: string) {
    return this.files.get(id)!.slice();
  }
  async attachmentCiphertext(id: string) {
    const file = this.files.get(id);
    if (!file) throw new ApiError(404, "attachment_not_found", "No completed attachment has this id.");
    return file.slice();
  }
  async followups() {
    return this.answers;
  }
  async followupCiphertext(id: string) {
    return this.files.get(id)!.slice();
  }
  async reportGrants(): Promise<ReportGrants> {
    return { grants: this.grants, earlier_recipients: this.earlier };
  }
  async attachmentGrants(id: string) {
    return this.grants.filter((grant) => grant.attachment_id === id);
  }
  async grantReport(reportId: string, request: GrantRequest) {
    this.requests.push([reportId, request]);
    const made = [
      { attachment_id: null, followup_id: null, header: request.header },
      ...(request.attachments ?? []).map((x) => ({
        attachment_id: x.attachment_id,
        followup_id: x.followup_id ?? null,
        header: x.header,
      })),
      ...(request.answers ?? []).map((x) => ({ attachment_id: null, followup_id: x.followup_id, header: x.header })),
    ].map((x, i) => ({
      ...x,
      grant_id: `g${this.grants.length + i}`,
      report_id: reportId,
      granted_by: "a",
      granted_at: "2026-12-07T10:00:00Z",
      recipients: request.recipients,
    }));
    this.grants = [...this.grants, ...made];
    return made;
  }
}

async function serverWithReport(): Promise<FakeServer> {
  const server = new FakeServer();
  server.files.set("r1", new Uint8Array(await sealRaw(text("report"), [a.recipient])));
  server.files.set("p1", new Uint8Array(await sealRaw(text("photo"), [a.recipient])));
  server.earlier.push(a.recipient);
  return server;
}

const attachments: AttachmentMeta[] = [
  { attachment_id: "p1", received: true, withdrawn: false },
  { attachment_id: "p2", received: false, withdrawn: false },
];

async function openWith(file: Uint8Array, identity: string): Promise<string> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  return new TextDecoder().decode(await decrypter.decrypt(file));
}

describe("granting a report whose attachments are sealed to its own identity", () => {
  it("grants none of those (the granted report carries the identity) and still grants the older ones", async () => {
    const own = await reviewerKeys(); // the phone's attachment identity for this report
    const server = new FakeServer();
    const report = { ...seedLetter, attachmentIdentity: own.identity };
    server.files.set("r1", new Uint8Array(await seal(text(JSON.stringify(report)), [a.recipient])));
    server.files.set("p1", new Uint8Array(await seal(text("new photo"), [own.recipient])));
    server.files.set("p3", new Uint8Array(await seal(text("old photo"), [a.recipient])));
    server.earlier.push(a.recipient);
    const metas: AttachmentMeta[] = [
      { attachment_id: "p1", received: true, withdrawn: false },
      { attachment_id: "p3", received: true, withdrawn: false },
    ];

    await grantReport(server, a.identity, "r1", metas, [list(a, b).recipients[1]!]);

    const [, request] = server.requests[0]!;
    expect(request.attachments?.map((x) => x.attachment_id)).toEqual(["p3"]);
    // B opens the report through its grant, learns the identity and opens both photos.
    const granted = withHeader(base64.decode(request.header), server.files.get("r1")!);
    const opened = JSON.parse(new TextDecoder().decode(await open(granted, [b.identity]))) as typeof report;
    const identities = [b.identity, opened.attachmentIdentity];
    for (const [id, expected] of [
      ["p1", "new photo"],
      ["p3", "old photo"],
    ] as const) {
      const file = await openableAttachment(server, identities, id);
      expect(new TextDecoder().decode(await open(file, identities))).toBe(expected);
    }
  });
});

describe("granting a report from the console", () => {
  it("offers it to the list's reviewers who joined later, not to oneself nor to those granted already", async () => {
    const grants: ReportGrants = { grants: [], earlier_recipients: [a.recipient] };
    expect(joinedLater(list(a, b, c), a.recipient, grants).map((e) => e.recipient)).toEqual([b.recipient, c.recipient]);
    const server = await serverWithReport();
    await grantReport(server, a.identity, "r1", attachments, [list(a, b, c).recipients[1]!]);
    const after = await server.reportGrants();
    expect(joinedLater(list(a, b, c), a.recipient, after).map((e) => e.recipient)).toEqual([c.recipient]);
  });

  it("sends one request with headers for the report and each received attachment, which open for B", async () => {
    const server = await serverWithReport();
    await grantReport(server, a.identity, "r1", attachments, [list(a, b).recipients[1]!]);
    const [[reportId, request]] = server.requests as [[string, GrantRequest]];
    expect(reportId).toBe("r1");
    expect(request.recipients).toEqual([{ name: "Reviewer 1", recipient: b.recipient }]);
    expect(request.attachments?.map((x) => x.attachment_id)).toEqual(["p1"]);
    const reportFile = withHeader(base64.decode(request.header), server.files.get("r1")!);
    expect(await openWith(reportFile, b.identity)).toBe("report");
    expect(
      new TextDecoder().decode(await openRaw(await openableAttachment(server, [b.identity], "p1"), [b.identity])),
    ).toBe("photo");
  });

  it("lets the newcomer grant it on from the header granted to them", async () => {
    const server = await serverWithReport();
    await grantReport(server, a.identity, "r1", attachments, [list(a, b).recipients[1]!]);
    await grantReport(server, b.identity, "r1", attachments, [list(a, b, c).recipients[2]!]);
    expect(
      new TextDecoder().decode(await openRaw(await openableAttachment(server, [c.identity], "p1"), [c.identity])),
    ).toBe("photo");
  });

  it("goes through everything readable with a progress count, skipping reports nobody misses", async () => {
    const server = await serverWithReport();
    const seen: number[] = [];
    const reports = [
      { reportId: "r1", attachments },
      { reportId: "r1", attachments },
    ];
    const done = await grantEverything(
      server,
      () => a.identity,
      a.recipient,
      list(a, b),
      reports,
      (p) => seen.push(p.done),
    );
    expect(done).toEqual({ done: 2, total: 2, granted: 1, failed: 0 });
    expect(seen).toEqual([0, 1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  it("grants the family's answers and the photos they name, which the newcomer then opens", async () => {
    // Given a report with an answer A can open (naming a held photo and one not uploaded yet) and one A cannot
    const server = await serverWithReport();
    const [answerId, otherId, photoId, missingId] = [
      "0193a000-0000-7000-8000-0000000000a1",
      "0193a000-0000-7000-8000-0000000000a2",
      "0193a000-0000-7000-8000-0000000000b1",
      "0193a000-0000-7000-8000-0000000000b2",
    ];
    const photo = (attachmentId: string) => ({ attachmentId, sealedSha256: "0".repeat(64) });
    const answer = {
      format: "kua.answer",
      version: 1,
      reportId: "r1",
      questionId: "q1",
      answerId,
      text: "Их отпустили утром.",
      writtenAt: "2026-12-07T10:00:00+05:00",
      media: { photos: [photo(photoId), photo(missingId)], voice: [], documents: [] },
    };
    const followup = (id: string): Followup => ({
      followup_id: id,
      report_id: "r1",
      kind: "answer",
      author_id: null,
      created_at: "2026-12-07T05:00:00Z",
      sha256: "0".repeat(64),
      size: 1,
    });
    server.files.set(answerId, new Uint8Array(await seal(text(JSON.stringify(answer)), [a.recipient])));
    server.files.set(otherId, new Uint8Array(await seal(text("{}"), [c.recipient])));
    server.files.set(photoId, new Uint8Array(await sealRaw(text("answer photo"), [a.recipient])));
    server.answers.push(followup(answerId), followup(otherId));

    // When A grants the report to B
    await grantReport(server, a.identity, "r1", attachments, [list(a, b).recipients[1]!]);

    // Then the one request carries the answer A opens and its held photo, named by that answer
    const [[, request]] = server.requests as [[string, GrantRequest]];
    expect(request.answers?.map((x) => x.followup_id)).toEqual([answerId]);
    expect(request.attachments?.map((x) => [x.attachment_id, x.followup_id ?? null])).toEqual([
      ["p1", null],
      [photoId, answerId],
    ]);
    // And B reads the answer and its photo, and still opens the report with the report's own grant
    const opened = await openMessage(await openableFollowup(server, b.identity, followup(answerId)), b.identity);
    expect((opened as { text: string }).text).toBe("Их отпустили утром.");
    const photoFile = await openableAttachment(server, [b.identity], photoId);
    expect(new TextDecoder().decode(await openRaw(photoFile, [b.identity]))).toBe("answer photo");
    // (an answer's header opens for B too, but only the answer's payload: it is never tried on the report's)
    const answersFirst = [...server.grants].sort((x) => (x.followup_id === null ? 1 : -1));
    const [reportHeader, ...others] = headersOf(answersFirst, null);
    expect(others).toEqual([]);
    expect(await openWith(withHeader(reportHeader!, server.files.get("r1")!), b.identity)).toBe("report");
  });
});
