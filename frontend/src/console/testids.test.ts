/** The data-testid list at the top of App.tsx is the console's full list: nothing missing, nothing stale. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL(".", import.meta.url));
// The console's own files, and the body diagram's drawing it shares with the reporter app.
const shared = [fileURLToPath(new URL("../shared/body/BodyDrawing.tsx", import.meta.url))];
const sources = [
  ...readdirSync(root, { recursive: true, encoding: "utf-8" })
    .filter((file) => file.endsWith(".tsx"))
    .map((file) => join(root, file)),
  ...shared,
].map((file) => readFileSync(file, "utf-8"));

/** Test ids the code sets: literals, and the prefixes of built ones (`status-${status}` gives "status-"). */
function inCode(): { literal: Set<string>; prefixes: Set<string> } {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const source of sources) {
    for (const [, id] of source.matchAll(/[tT]est[iI]d\s*=\s*\{?"([a-z][a-z-]*)"/g)) literal.add(id!);
    for (const [, prefix] of source.matchAll(/testid=\{`([a-z-]+)\$\{/g)) prefixes.add(prefix!);
  }
  return { literal, prefixes };
}

/** Ids named in the comment block: words with a dash or a known single word, minus attribute names. */
function documented(): string[] {
  const block = /data-testid of every control[\s\S]*?\*\//.exec(readFileSync(join(root, "App.tsx"), "utf-8"))![0];
  const words =
    block
      .replace(/\([^)]*\)/g, " ")
      .match(/\b[a-z]+(?:-[a-z<>]+)+\b|\b(?:lock|signout|photo|paperwork|consent|problem|dossier|followups)\b/g) ?? [];
  return [...new Set(words)].filter((word) => !word.startsWith("data-"));
}

describe("the console's data-testid list", () => {
  it("names only ids the code sets", () => {
    const { literal, prefixes } = inCode();
    const unknown = documented().filter((id) => {
      if (literal.has(id)) return false;
      const prefix = id.replace(/<[a-z]+>$/, "").replace(/[a-z]+$/, "");
      return ![...prefixes].some((p) => id.startsWith(p) || prefix === p);
    });
    expect(unknown).toEqual([]);
  });

  it("names every id the code sets", () => {
    const named = new Set(documented());
    const { literal } = inCode();
    expect([...literal].filter((id) => !named.has(id))).toEqual([]);
  });
});
