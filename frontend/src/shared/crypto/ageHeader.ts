/**
 * The age v1 header by hand (https://c2sp.org/age, "Header"), for granting a report to a reviewer who
 * joined later (docs/crypto.md, "Granting a report to a later reviewer"): parse a file's stanzas, header
 * MAC and payload offset; encode a new header with its MAC.
 *
 * Parsing is as strict as the Python reader (backend/kua/crypto/age/header.py): canonical unpadded base64,
 * 64-column stanza bodies ending with a shorter line, no CR, a 32-byte MAC. A lenient parser that
 * re-encoded what it read could compute a MAC over bytes the sender never wrote. The MAC is
 * HMAC-SHA-256 keyed by HKDF-SHA-256(file key, salt empty, info "header") over the header up to and
 * including "---" (the spec's "header MAC").
 */
import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64nopad } from "@scure/base";
import { Stanza } from "age-encryption";

const VERSION_LINE = "age-encryption.org/v1";
/** The largest header read: hundreds of post-quantum stanzas fit (the Python reader's limit too). */
export const MAX_HEADER_BYTES = 1 << 20;
const COLUMNS = 64;
const MAC_BYTES = 32;
const NEWLINE = 0x0a;

/** A header that is not a syntactically valid age v1 header. */
export class AgeHeaderError extends Error {
  override readonly name = "AgeHeaderError";
}

/** A parsed header: its stanzas, its MAC, the bytes the MAC covers, and where the payload starts. */
export interface AgeHeader {
  readonly stanzas: readonly Stanza[];
  readonly mac: Uint8Array;
  /** The header from its first byte up to and including "---": what the MAC covers. */
  readonly macInput: Uint8Array;
  /** The offset of the first payload byte (the nonce): the header's length, MAC line included. */
  readonly payloadOffset: number;
}

const ascii = new TextEncoder();

function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 === 1 || !/^[A-Za-z0-9+/]*$/.test(text)) {
    throw new AgeHeaderError("Invalid base64 in the age header.");
  }
  let bytes: Uint8Array;
  try {
    bytes = base64nopad.decode(text);
  } catch {
    throw new AgeHeaderError("Invalid base64 in the age header.");
  }
  if (base64nopad.encode(bytes) !== text) {
    throw new AgeHeaderError("Non-canonical base64 in the age header.");
  }
  return bytes;
}

function isArgument(word: string): boolean {
  return word.length > 0 && [...word].every((c) => c.charCodeAt(0) >= 33 && c.charCodeAt(0) <= 126);
}

/** Reads `\n`-terminated lines of ASCII from the start of a file, never past MAX_HEADER_BYTES. */
class LineReader {
  offset = 0;
  constructor(private readonly file: Uint8Array) {}

  line(): string {
    const limit = Math.min(this.file.length, MAX_HEADER_BYTES);
    const end = this.file.subarray(this.offset, limit).indexOf(NEWLINE);
    if (end < 0) {
      throw new AgeHeaderError(
        limit === MAX_HEADER_BYTES ? "The age header is too large." : "The age header ends early.",
      );
    }
    const bytes = this.file.subarray(this.offset, this.offset + end);
    this.offset += end + 1;
    if (bytes.some((byte) => byte < 0x20 || byte > 0x7e)) {
      throw new AgeHeaderError("The age header holds a byte that is not printable ASCII.");
    }
    return String.fromCharCode(...bytes);
  }
}

/** Parses the header at the start of an age file (or a detached header); throws AgeHeaderError. */
export function parseAgeHeader(file: Uint8Array): AgeHeader {
  const reader = new LineReader(file);
  if (reader.line() !== VERSION_LINE) {
    throw new AgeHeaderError(`Not an age v1 file (the first line is not ${VERSION_LINE}).`);
  }
  const stanzas: Stanza[] = [];
  let line = reader.line();
  while (line.startsWith("->")) {
    const words = line.split(" ");
    const args = words.slice(1);
    if (words[0] !== "->" || args.length === 0 || !args.every(isArgument)) {
      throw new AgeHeaderError("Malformed stanza line in the age header.");
    }
    const chunks: Uint8Array[] = [];
    for (;;) {
      const chunk = reader.line();
      if (chunk.length > COLUMNS) {
        throw new AgeHeaderError("A stanza body line is longer than 64 columns.");
      }
      chunks.push(decodeBase64(chunk));
      if (chunk.length < COLUMNS) {
        break;
      }
    }
    stanzas.push(new Stanza(args, concat(chunks)));
    line = reader.line();
  }
  if (!line.startsWith("--- ")) {
    throw new AgeHeaderError("Malformed age header (missing the MAC line).");
  }
  const mac = decodeBase64(line.slice(4));
  if (mac.length !== MAC_BYTES) {
    throw new AgeHeaderError("The age header MAC has the wrong length.");
  }
  if (stanzas.length === 0) {
    throw new AgeHeaderError("The age header has no recipient stanza.");
  }
  const payloadOffset = reader.offset;
  const macInput = file.slice(0, payloadOffset - line.length - 1 + 3);
  return { stanzas, mac, macInput, payloadOffset };
}

/** The header MAC of `macInput` (a header up to "---") under `fileKey`. */
export function headerMac(fileKey: Uint8Array, macInput: Uint8Array): Uint8Array {
  const key = hkdf(sha256, fileKey, undefined, ascii.encode("header"), 32);
  return hmac(sha256, key, macInput);
}

/** Whether the header's MAC is right for `fileKey` (constant time). */
export function headerMacMatches(header: AgeHeader, fileKey: Uint8Array): boolean {
  const expected = headerMac(fileKey, header.macInput);
  let difference = expected.length ^ header.mac.length;
  expected.forEach((byte, index) => {
    difference |= byte ^ (header.mac[index] ?? 0);
  });
  return difference === 0;
}

function encodeStanza(stanza: Stanza): string {
  const text = base64nopad.encode(stanza.body);
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += COLUMNS) {
    lines.push(text.slice(start, start + COLUMNS));
  }
  if (lines.length === 0 || lines[lines.length - 1]?.length === COLUMNS) {
    lines.push(""); // the body always ends with a line shorter than 64 columns
  }
  return `-> ${stanza.args.join(" ")}\n${lines.join("\n")}\n`;
}

/** Encodes a header holding `stanzas`, with its MAC under `fileKey`, ready to precede a payload. */
export function encodeAgeHeader(stanzas: readonly Stanza[], fileKey: Uint8Array): Uint8Array<ArrayBuffer> {
  if (stanzas.length === 0) {
    throw new AgeHeaderError("An age header needs at least one recipient stanza.");
  }
  for (const stanza of stanzas) {
    if (stanza.args.length === 0 || !stanza.args.every(isArgument)) {
      throw new AgeHeaderError("Malformed stanza arguments.");
    }
  }
  const macInput = ascii.encode(`${VERSION_LINE}\n${stanzas.map(encodeStanza).join("")}---`);
  return concat([macInput, ascii.encode(` ${base64nopad.encode(headerMac(fileKey, macInput))}\n`)]);
}

/** Joins byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
