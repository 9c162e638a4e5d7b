/**
 * Granting from the console: who is offered (the current list, less those listed before the report,
 * oneself and those granted already), what one grant request carries, and opening what was granted.
 */
import { base64 } from "@scure/base";
import { Decrypter } from "age-encryption";
import { beforeAll, describe, expect, it } from "vitest";

import { openRaw, sealRaw, type RecipientList } from "../../shared/crypto";
import { withHeader } from "../../shared/crypto/grant";
import type { AttachmentMeta, Grant, GrantRequest, ReportGrants } from "../apiTypes";
import { reviewerKeys } from "../testing/reports";
import { grantEverything, grantReport, joinedLater, openableAttachment, type GrantsApi } from "./grants";

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
  grants: Grant[] = [];

  async reportCiphertext(id: string) {
    return this.files.get(id)!.slice();
  }
  async attachmentCiphertext(id: string) {
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
      { attachment_id: null, header: request.header },
      ...(request.attachments ?? []).map((x) => ({ attachment_id: x.attachment_id, header: x.header })),
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
  { attachment_id: "p1", received: true },
  { attachment_id: "p2", received: false },
];

async function openWith(file: Uint8Array, identity: string): Promise<string> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  return new TextDecoder().decode(await decrypter.decrypt(file));
}

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
      new TextDecoder().decode(await openRaw(await openableAttachment(server, b.identity, "p1"), [b.identity])),
    ).toBe("photo");
  });

  it("lets the newcomer grant it on from the header granted to them", async () => {
    const server = await serverWithReport();
    await grantReport(server, a.identity, "r1", attachments, [list(a, b).recipients[1]!]);
    await grantReport(server, b.identity, "r1", attachments, [list(a, b, c).recipients[2]!]);
    expect(
      new TextDecoder().decode(await openRaw(await openableAttachment(server, c.identity, "p1"), [c.identity])),
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
});
