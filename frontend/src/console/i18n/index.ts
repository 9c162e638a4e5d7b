/**
 * The console's languages: its own small catalogs (./locales, Russian and English; a feature may keep
 * its namespaces in ./locales/<feature>/<tag>.json, merged into <tag>), laid over the
 * reporter's catalog of the same language, which is read (never changed) for the words of a report
 * (kinds, villages, body regions, the paperwork questions...) and for its date formats. Phones never
 * download the console's catalogs.
 */
import rosetta from "rosetta";

import { formatDate, formatNumber, type LocaleMeta } from "../../shared/i18n/format";
import type { When } from "../../shared/report/model";

type Catalog = { _meta?: LocaleMeta } & Record<string, unknown>;
export type Params = Record<string, string | number>;

export const DEFAULT_LANGUAGE = "ru";

const tagOf = (path: string): string => path.replace(/^.*\/([^/]+)\.json$/, "$1");
const byTag = (modules: Record<string, Catalog>): Record<string, Catalog> => {
  const tags: Record<string, Catalog> = {};
  for (const [path, catalog] of Object.entries(modules)) tags[tagOf(path)] = { ...tags[tagOf(path)], ...catalog };
  return tags;
};

const own = byTag(import.meta.glob<Catalog>("./locales/**/*.json", { import: "default", eager: true }));
const reporter = byTag(
  import.meta.glob<Catalog>("../../shared/i18n/locales/{ru,en}.json", { import: "default", eager: true }),
);

/** The console's messages over the reporter's, for one language. */
function merged(tag: string): Catalog {
  return { ...(reporter[tag] ?? reporter[DEFAULT_LANGUAGE]), ...own[tag] };
}

const i18n = rosetta<Record<string, unknown>>(Object.fromEntries(Object.keys(own).map((tag) => [tag, merged(tag)])));
i18n.locale(DEFAULT_LANGUAGE);
let current: LocaleMeta = (reporter[DEFAULT_LANGUAGE] as Catalog)._meta!;

/** The languages the console speaks (each in its own name), Russian first. */
export function consoleLanguages(): { tag: string; name: string }[] {
  return Object.keys(own)
    .sort((a, b) => (a === DEFAULT_LANGUAGE ? -1 : b === DEFAULT_LANGUAGE ? 1 : a.localeCompare(b)))
    .map((tag) => ({ tag, name: reporter[tag]?._meta?.name ?? tag }));
}

/** Makes `tag` current (Russian for a language the console does not speak). */
export function setLanguage(tag: string): LocaleMeta {
  const chosen = tag in own ? tag : DEFAULT_LANGUAGE;
  i18n.locale(chosen);
  current = (reporter[chosen] ?? reporter[DEFAULT_LANGUAGE])!._meta!;
  return current;
}

export function language(): LocaleMeta {
  return current;
}

/** The message for a dotted key, falling back to Russian, then to the key itself. */
export function t(key: string, params?: Params): string {
  const text = i18n.t(key, params);
  if (typeof text === "string" && text !== "") return text;
  const fallback = i18n.t(key, params, DEFAULT_LANGUAGE);
  return typeof fallback === "string" && fallback !== "" ? fallback : key;
}

export const fmtNumber = (value: number, fractionDigits?: number): string =>
  formatNumber(value, current, fractionDigits);
export const fmtDateTime = (date: Date): string => formatDate(date, current, current.dateTimePattern);

/** A server time (RFC 3339) in local time; the text as is when it does not parse. */
export function fmtInstant(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : fmtDateTime(date);
}

/** A reporter's When: "8 марта 2026, 14:05", "примерно 8 марта 2026", "время неизвестно". */
export function fmtWhen(when: When | null | undefined): string {
  if (!when || when.precision === "unknown" || !when.value) return t("when.notKnown");
  const [date = "", time] = when.value.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hours, minutes] = (time ?? "").split(":").map(Number);
  if (!year || !month || !day) return when.value;
  const local = new Date(year, month - 1, day, hours ?? 0, minutes ?? 0);
  const text = formatDate(local, current, time ? current.dateTimePattern : current.datePattern);
  return when.precision === "approximate" ? t("when.approx", { date: text }) : text;
}
