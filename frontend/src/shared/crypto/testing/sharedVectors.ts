/**
 * Test-only access to the vectors shared with the Python implementation (`tests/vectors/`).
 *
 * Never imported by the app. `KUA_VECTORS_DIR` may point elsewhere (for example a scratch
 * directory while developing); by default the repository's `tests/vectors/` is used.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Directory holding the shared vector files. */
export const vectorsDir: string = process.env["KUA_VECTORS_DIR"]
  ? resolve(process.env["KUA_VECTORS_DIR"])
  : fileURLToPath(new URL("../../../../../tests/vectors/", import.meta.url));

/** One age file written by the Python side, with what it must decrypt to. */
export interface AgeVector {
  readonly name: string;
  readonly kind: "x25519" | "pq" | "scrypt";
  readonly identity?: string;
  readonly passphrase?: string;
  readonly padded: boolean;
  readonly plaintext_sha256: string;
  readonly plaintext_b64: string;
  readonly ciphertext_b64: string;
}

/** One signed recipient list with the verification outcome both implementations must agree on. */
export interface RecipientListVector {
  readonly name: string;
  readonly signed: string;
  readonly min_seq: number;
  readonly now: string;
  readonly expect: string;
  readonly recipients?: readonly string[];
}

/** The files under `tests/vectors/` and their shapes. */
export interface SharedVectors {
  "age.json": { readonly cases: readonly AgeVector[] };
  "recipient-lists.json": {
    readonly root_public_keys: readonly string[];
    readonly threshold: number;
    readonly cases: readonly RecipientListVector[];
  };
  "padding.json": {
    readonly padme: readonly (readonly [number, number])[];
    readonly pad: readonly (readonly [number, number])[];
  };
}

/** Reads a shared vector file; fails loudly (never skips) when the Python side has not written it. */
export function readVectors<Name extends keyof SharedVectors>(name: Name): SharedVectors[Name] {
  const path = join(vectorsDir, name);
  if (!existsSync(path)) {
    throw new Error(
      `Shared test vector file ${path} does not exist: the Python side writes it ` +
        "(`.venv/bin/python -m tests.vectors.generate` at the repository root); generate it first.",
    );
  }
  const parsed = JSON.parse(readFileSync(path, "utf8")) as SharedVectors[Name];
  const cases = (parsed as { cases?: unknown }).cases;
  if (name !== "padding.json" && (!Array.isArray(cases) || cases.length === 0)) {
    throw new Error(`Shared test vector file ${path} has no cases.`);
  }
  return parsed;
}

/** Writes a JSON file under the vectors directory (creating folders), for the Python side to read. */
export function writeVectors(relativePath: string, content: unknown): string {
  const path = join(vectorsDir, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
  return path;
}
