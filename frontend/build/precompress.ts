/**
 * Writes a Brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every text file of the
 * build, which `kua serve` sends to a browser that accepts them (backend/kua/api/frontend.py). Brotli
 * at its slowest setting is about a third smaller than gzip for the app's scripts, and costs the
 * server nothing per request: a cold install on 2G downloads fewer bytes (bench/bench_phone.py).
 * Node's own zlib does the work; a copy no smaller than its original is not written.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

import type { Plugin } from "vite";

const TEXT = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".webmanifest", ".txt"]);
const SUFFIXES = [".br", ".gz"];
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

async function compress(path: string): Promise<void> {
  const original = await readFile(path);
  const copies = await Promise.all([
    brotli(original, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }),
    gzipped(original, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  const smaller = copies.flatMap((copy, index) =>
    copy.length < original.length ? [[SUFFIXES[index]!, copy] as const] : [],
  );
  await Promise.all(smaller.map(([suffix, copy]) => writeFile(path + suffix, copy)));
}

/** Compresses the output folder once the build, the service worker's included, is written. */
export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "kua-precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: "post",
      sequential: true,
      async handler() {
        const files = await readdir(outDir, { recursive: true });
        await Promise.all(files.filter((file) => TEXT.has(extname(file))).map((file) => compress(join(outDir, file))));
      },
    },
  };
}
