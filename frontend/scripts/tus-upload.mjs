// Upload one attachment with tus-js-client under Node, as the reporter app will in the browser.
//
//   node scripts/tus-upload.mjs --endpoint URL --file PATH --id UUID --sha256 HEX
//        [--chunk-size BYTES] [--upload-url URL] [--checksum] [--stop-after BYTES] [--retry-delays MS,MS]
//
// --upload-url resumes an upload created earlier (HEAD for its offset, then PATCH from there; a 404
// or 410 makes tus-js-client create it again). --checksum adds `Upload-Checksum: sha256 ...` to every
// PATCH, which tus-js-client 4 does not do by itself. --stop-after aborts once that many bytes are
// acknowledged, as a phone that goes offline between chunks. Prints one line of JSON:
// {"url", "offset", "complete"} on success or stop, {"error", "status"} (and exit code 1) on failure.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DefaultHttpStack, Upload } from "tus-js-client";

const { values: options } = parseArgs({
  options: {
    endpoint: { type: "string" },
    file: { type: "string" },
    id: { type: "string" },
    sha256: { type: "string" },
    "chunk-size": { type: "string" },
    "upload-url": { type: "string" },
    checksum: { type: "boolean", default: false },
    "stop-after": { type: "string" },
    "retry-delays": { type: "string", default: "" },
  },
});

/** Wraps tus-js-client's Node HTTP stack to send the checksum extension's header with each PATCH body. */
class ChecksumHttpStack {
  constructor(inner) {
    this.inner = inner;
  }

  createRequest(method, url) {
    const request = this.inner.createRequest(method, url);
    const send = request.send.bind(request);
    request.send = (body) => {
      if (method === "PATCH" && body != null) {
        const digest = createHash("sha256").update(body).digest("base64");
        request.setHeader("Upload-Checksum", `sha256 ${digest}`);
      }
      return send(body);
    };
    return request;
  }

  getName() {
    return "ChecksumHttpStack";
  }
}

const attachment = await readFile(options.file);
const stopAfter = options["stop-after"] === undefined ? Infinity : Number(options["stop-after"]);
const print = (result) => process.stdout.write(`${JSON.stringify(result)}\n`);

const outcome = await new Promise((resolve) => {
  const upload = new Upload(attachment, {
    endpoint: options.endpoint,
    uploadUrl: options["upload-url"] ?? null,
    chunkSize: options["chunk-size"] ? Number(options["chunk-size"]) : Infinity,
    metadata: { id: options.id, sha256: options.sha256 },
    uploadDataDuringCreation: false,
    removeFingerprintOnSuccess: true,
    retryDelays: options["retry-delays"] ? options["retry-delays"].split(",").map(Number) : null,
    httpStack: options.checksum ? new ChecksumHttpStack(new DefaultHttpStack()) : new DefaultHttpStack(),
    onChunkComplete: (_chunkSize, bytesAccepted) => {
      if (bytesAccepted >= stopAfter && bytesAccepted < attachment.length) {
        upload.abort().then(() => resolve({ url: upload.url, offset: bytesAccepted, complete: false }));
      }
    },
    onSuccess: () => resolve({ url: upload.url, offset: attachment.length, complete: true }),
    onError: (error) => {
      const status = error.originalResponse ? error.originalResponse.getStatus() : null;
      resolve({ error: error.message, status, url: upload.url });
    },
  });
  upload.start();
});

print(outcome);
process.exitCode = outcome.error ? 1 : 0;
