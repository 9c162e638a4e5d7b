/**
 * Interface languages. Every catalog in ./locales is found at build time: a translator adds a
 * language by dropping `<tag>.json` there (README.md), with no code change. Russian is the
 * default and the fallback for any key a catalog lacks; other catalogs load when chosen.
 */
import rosetta from "rosetta";

import { formatDate, formatNumber, type LocaleMeta } from "../../shared/i18n/format";

export type { LocaleMeta } from "../../shared/i18n/format";

type Catalog = { _meta: LocaleMeta } & Record<string, unknown>;
export type Params = Record<string, string | number>;

export const DEFAULT_LANGUAGE = "ru";

// Russian is in the app's first script; every other catalog is its own chunk, loaded when needed.
const ru = Object.values(
  import.meta.glob<Catalog>("./ru.json", { base: "../../shared/i18n/locales", import: "default", eager: true }),
)[0]!;
const loaders: Record<string, () => Promise<Catalog>> = {
  ...import.meta.glob<Catalog>(["./*.json", "!./ru.json"], { base: "../../shared/i18n/locales", import: "default" }),
  "./ru.json": async () => ru,
};

const tagOf = (path: string): string => path.replace(/^.*\/([^/]+)\.json$/, "$1");

const i18n = rosetta<Record<string, unknown>>({ [DEFAULT_LANGUAGE]: ru });
let current: LocaleMeta = ru._meta;
let plurals = new Intl.PluralRules(current.pluralLocale);
const RU_PLURALS = new Intl.PluralRules(ru._meta.pluralLocale);

// Every catalog's own name alone (build/catalogNames.ts): the list shows them all without loading any
// catalog, and is fixed at build time. The default first, then by tag; tags are ASCII, so a plain
// comparison (localeCompare's first call loads a collator: 40 ms on a slow phone).
const LANGUAGES = Object.entries(
  import.meta.glob<string>("./*.json", {
    base: "../../shared/i18n/locales",
    query: "?name",
    import: "default",
    eager: true,
  }),
)
  .map(([path, name]) => ({ tag: tagOf(path), name }))
  .sort((a, b) => (a.tag === DEFAULT_LANGUAGE ? -1 : b.tag === DEFAULT_LANGUAGE ? 1 : a.tag < b.tag ? -1 : 1));

/** Every language a catalog exists for, in its own name (the default first, then by tag). */
export function availableLanguages(): readonly { tag: string; name: string }[] {
  return LANGUAGES;
}

/** Loads a catalog (falling back to Russian for an unknown tag) and makes it current. */
export async function loadLanguage(tag: string): Promise<LocaleMeta> {
  const loader = loaders[`./${tag}.json`];
  if (!loader) return loadLanguage(DEFAULT_LANGUAGE);
  return setCatalog(tag, await loader());
}

/** Makes a loaded catalog current; a partial one's missing messages are shown in Russian (`t`). */
export function setCatalog(tag: string, catalog: Catalog): LocaleMeta {
  i18n.set(tag, catalog);
  i18n.locale(tag);
  current = catalog._meta;
  plurals = new Intl.PluralRules(current.pluralLocale);
  return current;
}

/** The current catalog's `_meta` (its tag, date patterns, separators). */
export function language(): LocaleMeta {
  return current;
}

/** The message for a dotted key ("home.newReport"), with {{name}} placeholders filled in. */
export function t(key: string, params?: Params): string {
  const text = i18n.t(key, params);
  if (typeof text === "string" && text !== "") return text;
  const fallback = i18n.t(key, params, DEFAULT_LANGUAGE);
  return typeof fallback === "string" && fallback !== "" ? fallback : key;
}

/** A plural message: the catalog holds {one, few, many, other} under `key`; {{n}} is the formatted count. */
export function tp(key: string, count: number, params: Params = {}): string {
  const filled = { ...params, n: formatNumber(count, current) };
  const text = i18n.t(`${key}.${plurals.select(count)}`, filled);
  if (typeof text === "string" && text !== "") return text;
  // Not in a partial catalog: the Russian message, chosen by Russian's plural rules ("21 черновик").
  const fallback = i18n.t(`${key}.${RU_PLURALS.select(count)}`, filled, DEFAULT_LANGUAGE);
  return typeof fallback === "string" && fallback !== "" ? fallback : t(`${key}.other`, filled);
}

/** "8 марта 2026" in the current language. */
export const fmtDate = (date: Date): string => formatDate(date, current, current.datePattern);
/** "8 марта 2026, 14:05" in the current language. */
export const fmtDateTime = (date: Date): string => formatDate(date, current, current.dateTimePattern);
/** "14:05" in the current language. */
export const fmtTime = (date: Date): string => formatDate(date, current, current.timePattern);
/** A number with the current language's separators. */
export const fmtNumber = (value: number, fractionDigits?: number): string =>
  formatNumber(value, current, fractionDigits);

/** "12,5 МБ": bytes in the largest unit that keeps the number at or above 1. */
export function fmtBytes(bytes: number): string {
  const units = ["bytes", "kb", "mb", "gb"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${fmtNumber(value, unit === 0 || value >= 10 ? 0 : 1)} ${t(`units.${units[unit]}`)}`;
}

/** "45 %" style percentage of a 0..1 fraction. */
export const fmtPercent = (fraction: number): string => `${fmtNumber(Math.round(fraction * 100), 0)}%`;
