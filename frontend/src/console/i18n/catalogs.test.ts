/**
 * The console's catalogs: Russian and English have the same keys and placeholders, none of their
 * namespaces hides one of the reporter's (whose words the console borrows), and every key the
 * console's code names exists.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { PRIORITIES } from "../apiTypes";
import { SORT_KEYS } from "../queue/entries";
import { STATUSES } from "../triage/transitions";

type Tree = { [key: string]: unknown };
const own = import.meta.glob<Tree>("./locales/**/*.json", { import: "default", eager: true });
const reporter = import.meta.glob<Tree>("../../shared/i18n/locales/*.json", { import: "default", eager: true });
const tagOf = (path: string): string => path.replace(/^.*\/|\.json$/g, "");
const files = Object.entries(own).map(([path, tree]) => [tagOf(path), tree] as const);
// A feature's file (./locales/<feature>/<tag>.json) adds namespaces of its own, never one of another file's.
const byTag: Record<string, Tree> = {};
for (const [tag, tree] of files) byTag[tag] = { ...byTag[tag], ...tree };
const reporterRu = Object.entries(reporter).find(([path]) => tagOf(path) === "ru")![1];

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value as Tree, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
const lookup = (tree: Tree, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
const placeholders = (text: unknown): string =>
  JSON.stringify([...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort());

/** Every literal `t("a.b")` key in the console's sources. */
function keysInCode(): string[] {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const files = readdirSync(root, { recursive: true, encoding: "utf-8" }).filter(
    (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes("testing"),
  );
  return [
    ...new Set(
      files.flatMap((file) =>
        [...readFileSync(join(root, file), "utf-8").matchAll(/\bt\("([a-zA-Z]+(?:\.[a-zA-Z_]+)+)"/g)].map((m) => m[1]!),
      ),
    ),
  ];
}

describe("the console's catalogs", () => {
  const ru = byTag["ru"]!;

  it("are Russian and English, with the same keys and placeholders", () => {
    expect(Object.keys(byTag).sort()).toEqual(["en", "ru"]);
    const en = byTag["en"]!;
    expect(keys(en).sort()).toEqual(keys(ru).sort());
    expect(keys(ru).filter((key) => placeholders(lookup(ru, key)) !== placeholders(lookup(en, key)))).toEqual([]);
  });

  it("keep each namespace in one file", () => {
    const namespaces = files.filter(([tag]) => tag === "ru").flatMap(([, tree]) => Object.keys(tree));
    expect(namespaces.length).toBe(new Set(namespaces).size);
  });

  it("never hide a namespace of the reporter's catalogs", () => {
    expect(Object.keys(ru).filter((key) => key in reporterRu)).toEqual([]);
  });

  it("hold every key the console's code names (in theirs or the reporter's catalog)", () => {
    const named = keysInCode();
    expect(named.length).toBeGreaterThan(150);
    const missing = named.filter((key) => lookup(ru, key) === undefined && lookup(reporterRu, key) === undefined);
    expect(missing).toEqual([]);
  });

  it("explain every error code the API client knows", () => {
    const api = readFileSync(fileURLToPath(new URL("../api.ts", import.meta.url)), "utf-8");
    const union = /export type ApiErrorCode =([^;]+);/.exec(api)![1]!;
    const codes = [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((code) => lookup(ru, `errors.${code}`) === undefined)).toEqual([]);
  });

  it("hold every key the code builds from a value (statuses, priorities, sorts, states...)", () => {
    const built = [
      ...STATUSES.flatMap((status) => [`statuses.${status}`, `triage.to.${status}`]),
      ...PRIORITIES.map((priority) => `priorities.${priority}`),
      ...SORT_KEYS.map((key) => `queue.sorts.${key}`),
      ...["none", "pending", "listed"].flatMap((state) => [`keys.state.${state}`, `keys.next.${state}`]),
      ...["triager", "admin"].map((role) => `roles.${role}`),
      ...["queue", "cases", "key", "audit"].map((view) => `nav.${view}`),
      ...["signedOut", "expired"].map((notice) => `signin.${notice}`),
      ...["not_for_this_key", "malformed", "fetch_failed", "cannot_open"].map((problem) => `queue.problems.${problem}`),
      ...["waiting", "missing", "failed", "notImage"].map((state) => `report.photo.${state}`),
      ...["detention", "search", "interrogation", "torture"].map((section) => `report.sections.${section}`),
      ...["incident", "detention", "release", "searchStart", "searchEnd", "interrogation", "injury", "harm"].map(
        (what) => `timeline.${what}`,
      ),
    ];
    expect(built.filter((key) => lookup(ru, key) === undefined)).toEqual([]);
  });
});
