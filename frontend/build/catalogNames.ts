/**
 * `./locales/<tag>.json?name` imports a catalog's own name (`_meta.name`) and nothing else of it.
 *
 * The language list shows every language in its own name from the first screen; loading each
 * catalog for its name cost the app's longest task at start (Lighthouse's "Max Potential First
 * Input Delay", docs/performance.md). A translator still adds a language by dropping its catalog
 * in src/shared/i18n/locales, with no code change.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import type { Plugin } from "vite";

const QUERY = "?name";
// A virtual module (\0 prefix) whose id does not end in .json, or Vite's JSON plugin would take it.
const PREFIX = "\0kua-catalog-name:";
const SUFFIX = ".name.js";

export function catalogNames(): Plugin {
  return {
    name: "kua-catalog-names",
    enforce: "pre",
    resolveId(source, importer) {
      if (!source.endsWith(`.json${QUERY}`) || !importer) return null;
      return PREFIX + resolve(importer, "..", source.slice(0, -QUERY.length)) + SUFFIX;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const path = id.slice(PREFIX.length, -SUFFIX.length);
      this.addWatchFile(path);
      const catalog = JSON.parse(readFileSync(path, "utf8")) as { _meta?: { name?: unknown } } | null;
      const name = catalog?._meta?.name;
      if (typeof name !== "string" || !name) this.error(`${path}: _meta.name must be the language's own name.`);
      return `export default ${JSON.stringify(name)};`;
    },
  };
}
