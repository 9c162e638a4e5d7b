/** Every catalog is complete, and dates and numbers come from each catalog's own data. */
import { describe, expect, it } from "vitest";

import { formatDate, formatNumber, parseDecimal, type LocaleMeta } from "./format";

type Tree = { [key: string]: unknown };
const catalogs = import.meta.glob<Tree>("./locales/*.json", { import: "default", eager: true });
const byTag = Object.fromEntries(
  Object.entries(catalogs).map(([path, tree]) => [path.replace(/^.*\/|\.json$/g, ""), tree]),
);
const PLURAL_CATEGORIES = new Set(["zero", "one", "two", "few", "many", "other"]);

const isPlural = (value: unknown): value is Record<string, string> =>
  typeof value === "object" &&
  value !== null &&
  "other" in value &&
  Object.keys(value).every((k) => PLURAL_CATEGORIES.has(k));

/** Dotted keys of the messages (plural objects count as one key; `_meta` is checked apart). */
function messageKeys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    if (prefix === "" && key === "_meta") return [];
    const path = prefix + key;
    if (typeof value === "object" && value !== null && !isPlural(value)) return messageKeys(value as Tree, `${path}.`);
    return [path];
  });
}

const lookup = (tree: Tree, path: string): unknown =>
  path.split(".").reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

const meta = (tag: string): LocaleMeta => byTag[tag]!["_meta"] as LocaleMeta;

describe("message catalogs", () => {
  const reference = byTag["ru"]!;
  const referenceKeys = messageKeys(reference);

  it("include Russian, Kazakh and English, complete", () => {
    expect(Object.keys(byTag)).toEqual(expect.arrayContaining(["ru", "kk", "en"]));
    for (const tag of ["ru", "kk", "en"]) expect(meta(tag).partial ?? false).toBe(false);
  });

  for (const [tag, tree] of Object.entries(byTag)) {
    describe(tag, () => {
      // A partial catalog (translators at work) may lack keys: the app shows those in Russian.
      const partial = meta(tag).partial === true;
      const present = referenceKeys.filter((key) => lookup(tree, key) !== undefined);

      it(partial ? "has no key ru.json lacks" : "has every key of ru.json, and no key ru.json lacks", () => {
        if (!partial) expect(referenceKeys.filter((key) => lookup(tree, key) === undefined)).toEqual([]);
        expect(messageKeys(tree).filter((key) => lookup(reference, key) === undefined)).toEqual([]);
      });

      it("keeps the placeholders of every Russian message", () => {
        const wrong = present.filter((key) => {
          const ours = lookup(tree, key);
          const theirs = lookup(reference, key);
          const text = (value: unknown): string => (isPlural(value) ? value["other"]! : String(value));
          return JSON.stringify(placeholders(text(ours))) !== JSON.stringify(placeholders(text(theirs)));
        });
        expect(wrong).toEqual([]);
      });

      it("has the plural forms its plural rules need", () => {
        const needed = new Intl.PluralRules(meta(tag).pluralLocale).resolvedOptions().pluralCategories;
        const plurals = present.filter((key) => isPlural(lookup(reference, key)));
        const lacking = plurals.flatMap((key) => {
          const forms = lookup(tree, key) as Record<string, string>;
          return needed.filter((category) => !(category in forms)).map((category) => `${key}.${category}`);
        });
        expect(lacking).toEqual([]);
      });

      it("has a complete _meta block", () => {
        const m = meta(tag);
        expect(m.tag).toBe(tag);
        expect(m.name.length).toBeGreaterThan(0);
        expect(m.months.nominative).toHaveLength(12);
        expect(m.months.genitive).toHaveLength(12);
        expect(m.weekdays).toHaveLength(7);
        expect(() => new Intl.PluralRules(m.pluralLocale)).not.toThrow();
        for (const pattern of [m.datePattern, m.timePattern, m.dateTimePattern])
          expect(pattern.length).toBeGreaterThan(0);
      });
    });
  }
});

describe("formatting from the catalog's own data", () => {
  const eighthOfMarch = new Date(2026, 2, 8, 14, 5);

  it("writes a Kazakh date the way Kazakh readers write it", () => {
    expect(formatDate(eighthOfMarch, meta("kk"))).toBe("8 наурыз 2026");
    expect(formatDate(eighthOfMarch, meta("kk"), meta("kk").dateTimePattern)).toBe("8 наурыз 2026, 14:05");
  });

  it("puts a Russian month in the genitive after the day", () => {
    expect(formatDate(eighthOfMarch, meta("ru"))).toBe("8 марта 2026");
    expect(formatDate(eighthOfMarch, meta("ru"), "LLLL yyyy")).toBe("март 2026");
  });

  it("understands weekdays, padding and quoted text", () => {
    expect(formatDate(eighthOfMarch, meta("ru"), "EEEE, dd.MM.yyyy 'г.'")).toBe("воскресенье, 08.03.2026 г.");
  });

  it("groups and separates numbers by the catalog", () => {
    expect(formatNumber(1234567.5, meta("ru"))).toBe("1\u00a0234\u00a0567,5");
    expect(formatNumber(1234567.5, meta("en"))).toBe("1,234,567.5");
    expect(formatNumber(2.5, meta("kk"), 1)).toBe("2,5");
    expect(formatNumber(14, meta("kk"))).toBe("14");
  });

  it("reads decimals typed with a comma or a dot", () => {
    expect(parseDecimal("2,5")).toBe(2.5);
    expect(parseDecimal(" 3.0 ")).toBe(3);
    expect(parseDecimal("two")).toBeNull();
  });
});
