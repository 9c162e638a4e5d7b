/**
 * Test-only access to the C2SP age conformance vectors (npm `cctv-age`): each vector's expected
 * result, identities, passphrases and age file. Never imported by the app.
 */
import { inflateSync } from "node:zlib";

import * as cctv from "cctv-age";

/** One conformance vector: what opening its file must give, and with what. */
export interface ConformanceVector {
  readonly expect: string;
  readonly payload: string | undefined;
  readonly identities: string[];
  readonly passphrases: string[];
  readonly armored: boolean;
  readonly file: Uint8Array;
}

export function parseVector(bytes: Uint8Array): ConformanceVector {
  let end = 0;
  while (!(bytes[end] === 0x0a && bytes[end + 1] === 0x0a)) {
    end += 1;
  }
  const fields = new TextDecoder()
    .decode(bytes.subarray(0, end))
    .split("\n")
    .map((line) => {
      const colon = line.indexOf(": ");
      return [line.slice(0, colon), line.slice(colon + 2)] as const;
    });
  const values = (key: string) => fields.filter(([k]) => k === key).map(([, v]) => v);
  const body = bytes.subarray(end + 2);
  return {
    expect: values("expect")[0] ?? "",
    payload: values("payload")[0],
    identities: values("identity"),
    passphrases: values("passphrase"),
    armored: values("armored")[0] === "yes",
    file: values("compressed")[0] === "zlib" ? new Uint8Array(inflateSync(body)) : body,
  };
}

/** Every vector, by name. */
export function conformanceVectors(): (readonly [string, ConformanceVector])[] {
  return Object.entries(cctv as unknown as Record<string, Uint8Array>).map(
    ([name, bytes]) => [name, parseVector(bytes)] as const,
  );
}
