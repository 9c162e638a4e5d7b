/**
 * The dossier's language, chosen on the dossier itself and independent of the console's: the
 * document's words from the console's catalogs (namespace "dossier", ../i18n/locales/dossier), the
 * report's vocabulary (villages, body regions) from the reporter's catalogs, read only, and dates
 * and numbers from the reporter catalog's `_meta`, as the console formats them.
 */
import rosetta from "rosetta";

import { formatDate, formatNumber, type LocaleMeta } from "../../shared/i18n/format";
import type { When } from "../../shared/report/model";

export type DossierTag = "ru" | "en";
export const DOSSIER_LANGUAGES: readonly DossierTag[] = ["ru", "en"];

type Catalog = { _meta?: LocaleMeta } & Record<string, unknown>;
type Params = Record<string, string | number>;

const tagOf = (path: string): string => path.replace(/^.*\/([^/]+)\.json$/, "$1");
function byTag(modules: Record<string, Catalog>): Record<string, Catalog> {
  const tags: Record<string, Catalog> = {};
  for (const [path, catalog] of Object.entries(modules)) tags[tagOf(path)] = { ...tags[tagOf(path)], ...catalog };
  return tags;
}
const reporter = byTag(
  import.meta.glob<Catalog>("../../shared/i18n/locales/{ru,en}.json", { import: "default", eager: true }),
);
const consoleCatalogs = byTag(
  import.meta.glob<Catalog>("../i18n/locales/**/{ru,en}.json", { import: "default", eager: true }),
);
const catalogs = rosetta<Catalog>(
  Object.fromEntries(DOSSIER_LANGUAGES.map((tag) => [tag, { ...reporter[tag], ...consoleCatalogs[tag] }])),
);

/** The dossier's language for a console language (Russian unless the dossier speaks it). */
export const dossierTag = (tag: string): DossierTag =>
  ((DOSSIER_LANGUAGES as readonly string[]).find((known) => known === tag) as DossierTag | undefined) ?? "ru";

export interface DocumentLanguage {
  tag: DossierTag;
  /** The message for a dotted key in this language; the key itself when missing (tests catch it). */
  t(key: string, params?: Params): string;
  /** A reporter's When ("28 апреля 2020, 06:00", "about 28 April 2020"), null when not known. */
  when(when: When | null | undefined): string | null;
  /** A local moment as the timeline sorts them ("2020-04-28T06:00"), date only when `dateOnly`. */
  moment(at: string, dateOnly?: boolean): string;
  /** A server or phone instant (RFC 3339) in UTC, "28 April 2020, 09:15 UTC"; as given when it does not parse. */
  instant(iso: string | null): string | null;
  number(value: number): string;
  /** "не известно" / "not known". */
  notKnown: string;
}

/** The document's words, dates and numbers in `tag`. */
export function documentLanguage(tag: DossierTag): DocumentLanguage {
  const meta = reporter[tag]!._meta!;
  const t = (key: string, params?: Params): string => {
    const text = catalogs.t(key, params, tag);
    return typeof text === "string" && text !== "" ? text : key;
  };
  const moment = (at: string, dateOnly = false): string => {
    const [date = "", time] = at.split("T");
    const [year, month, day] = date.split("-").map(Number);
    const [hours, minutes] = (time ?? "").split(":").map(Number);
    if (!year || !month || !day) return at;
    const local = new Date(year, month - 1, day, hours ?? 0, minutes ?? 0);
    return formatDate(local, meta, time && !dateOnly ? meta.dateTimePattern : meta.datePattern);
  };
  return {
    tag,
    t,
    moment,
    when: (when) => {
      if (!when || when.precision === "unknown" || !when.value) return null;
      const text = moment(when.value);
      return when.precision === "approximate" ? t("dossier.doc.approx", { date: text }) : text;
    },
    instant: (iso) => {
      if (!iso) return null;
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      const utc = new Date(
        date.getUTCFullYear(),
        date.getUTCMonth(),
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
      );
      return `${formatDate(utc, meta, meta.dateTimePattern)} UTC`;
    },
    number: (value) => formatNumber(value, meta),
    notKnown: t("dossier.doc.notKnown"),
  };
}
