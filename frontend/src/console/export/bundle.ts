/**
 * The bundle's ZIP, built in the browser with fflate: `manifest.json`, `reports/<id>.json` (each
 * report as opened), `attachments/<id>` (the decrypted photos, stored: they are compressed
 * already), `cases.json`, `notes.json`, `followups.json`, `drafts.json`, and nothing else
 * (docs/review.md, "Export bundle").
 */
import { zipSync, type Zippable } from "fflate";

import { attachmentFile, buildManifest, reportFile, type ExportContent, type ExportScope } from "./manifest";

const JSON_LEVEL = 6;
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value, null, 2) + "\n");

/** The plaintext ZIP of a bundle. */
export function zipBundle(content: ExportContent): Uint8Array {
  const mtime = content.createdAt;
  const deflated = (bytes: Uint8Array): [Uint8Array, { level: typeof JSON_LEVEL; mtime: Date }] => [
    bytes,
    { level: JSON_LEVEL, mtime },
  ];
  const files: Zippable = {
    "manifest.json": deflated(encode(buildManifest(content))),
    "cases.json": deflated(encode(content.cases)),
    "notes.json": deflated(encode(content.notes)),
    "followups.json": deflated(encode(content.followups)),
    "drafts.json": deflated(encode(content.drafts)),
  };
  for (const { meta, report } of content.reports) {
    // The report as the phone serialised it (JSON.stringify), byte for byte.
    if (report !== null) files[reportFile(meta.report_id)] = deflated(new TextEncoder().encode(JSON.stringify(report)));
  }
  for (const photo of content.photos) {
    if (photo.bytes !== null) files[attachmentFile(photo.attachmentId)] = [photo.bytes, { level: 0, mtime }];
  }
  return zipSync(files);
}

/** `kua-export-case-2026-12-02.age`: the scope and the day (UTC) it was made. */
export function bundleFileName(scope: ExportScope, createdAt: Date): string {
  return `kua-export-${scope}-${createdAt.toISOString().slice(0, 10)}.age`;
}
