/**
 * Test-only: an in-memory tus 1.0.0 server behind tus-js-client's HttpStack interface, and a file
 * reader for Blobs (tus-js-client 4's Node build reads only Buffers and streams). Faults are
 * scripted per request. Never imported by the app.
 */
import type { HttpRequest, HttpResponse, HttpStack } from "tus-js-client";

/** What the fake does to the next PATCH instead of answering normally (null: answer normally). */
export type PatchFault = "network_error" | "server_error" | "busy" | null;

interface StoredUpload {
  length: number;
  metadata: string;
  bytes: Uint8Array;
  offset: number;
}

class FakeResponse implements HttpResponse {
  constructor(
    private readonly status: number,
    private readonly headers: Record<string, string> = {},
    private readonly body = "",
  ) {}

  getStatus(): number {
    return this.status;
  }

  getHeader(header: string): string | undefined {
    return Object.entries(this.headers).find(([name]) => name.toLowerCase() === header.toLowerCase())?.[1];
  }

  getBody(): string {
    return this.body;
  }

  getUnderlyingObject(): unknown {
    return null;
  }
}

/** The fake server: uploads by path, a log of requests, and faults for the next PATCHes. */
export class FakeTusServer implements HttpStack {
  readonly uploads = new Map<string, StoredUpload>();
  readonly log: string[] = [];
  readonly patchFaults: PatchFault[] = [];
  private created = 0;

  getName(): string {
    return "FakeTusServer";
  }

  createRequest(method: string, url: string): HttpRequest {
    const headers = new Map<string, string>();
    let onProgress: (bytes: number) => void = () => undefined;
    return {
      getMethod: () => method,
      getURL: () => url,
      setHeader: (name, value) => void headers.set(name.toLowerCase(), value),
      getHeader: (name) => headers.get(name.toLowerCase()),
      setProgressHandler: (handler) => {
        onProgress = handler;
      },
      send: async (body: unknown) => {
        this.log.push(`${method} ${new URL(url).pathname}`);
        const bytes = body instanceof Blob ? new Uint8Array(await body.arrayBuffer()) : undefined;
        return this.answer(method, new URL(url).pathname, headers, bytes, onProgress);
      },
      abort: async () => undefined,
      getUnderlyingObject: () => null,
    };
  }

  private answer(
    method: string,
    path: string,
    headers: Map<string, string>,
    body: Uint8Array | undefined,
    onProgress: (bytes: number) => void,
  ): HttpResponse {
    const tus = { "Tus-Resumable": "1.0.0" };
    if (method === "POST") {
      const path = `/api/v1/uploads/u${++this.created}`;
      const length = Number(headers.get("upload-length"));
      this.uploads.set(path, {
        length,
        metadata: headers.get("upload-metadata") ?? "",
        bytes: new Uint8Array(length),
        offset: 0,
      });
      return new FakeResponse(201, { ...tus, Location: path });
    }
    const upload = this.uploads.get(path);
    if (upload === undefined) return new FakeResponse(404, tus);
    if (method === "HEAD") {
      return new FakeResponse(200, {
        ...tus,
        "Upload-Offset": String(upload.offset),
        "Upload-Length": String(upload.length),
        "Upload-Metadata": upload.metadata,
      });
    }
    const fault = this.patchFaults.shift();
    if (fault === "network_error") throw new Error("connection reset");
    if (fault === "server_error") return new FakeResponse(500, tus);
    if (fault === "busy")
      return new FakeResponse(409, tus, '{"error":{"code":"upload_busy","message":"Another request is writing."}}');
    if (Number(headers.get("upload-offset")) !== upload.offset || body === undefined) return new FakeResponse(409, tus);
    upload.bytes.set(body, upload.offset);
    upload.offset += body.length;
    onProgress(body.length);
    return new FakeResponse(204, { ...tus, "Upload-Offset": String(upload.offset) });
  }
}
