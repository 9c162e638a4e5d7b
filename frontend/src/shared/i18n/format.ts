/**
 * Dates and numbers from the catalog's own `_meta` data, not from Intl: Chromium has no Kazakh
 * date data ("2026 M03 8") and nothing at all for Dungan.
 */

export interface LocaleMeta {
  /** The language's own name, shown in the language list ("Қазақша"). */
  name: string;
  /** BCP 47 tag, also the `lang` attribute ("kk"). */
  tag: string;
  /**
   * True while translators are still at work (Dungan): the catalog may lack keys, and each missing
   * message is shown in Russian, key by key. The maintained catalogs (ru, kk, en) must be complete.
   */
  partial?: boolean;
  /** Whose CLDR plural rules to borrow (Dungan has none of its own). */
  pluralLocale: string;
  months: { nominative: string[]; genitive: string[] };
  /** Sunday first, as `Date.getDay()` counts. */
  weekdays: string[];
  /** Tokens: yyyy, MMMM (month, genitive), LLLL (month, nominative), MM, dd, d, HH, H, mm, EEEE; 'quoted' text. */
  datePattern: string;
  timePattern: string;
  dateTimePattern: string;
  decimal: string;
  group: string;
}

const TOKENS = /yyyy|MMMM|LLLL|MM|dd|d|HH|H|mm|EEEE|'[^']*'/g;

const pad2 = (value: number): string => String(value).padStart(2, "0");

/** Formats a local date by a pattern of the catalog (`formatDate(d, meta, meta.datePattern)`). */
export function formatDate(date: Date, meta: LocaleMeta, pattern: string = meta.datePattern): string {
  return pattern.replace(TOKENS, (token) => {
    switch (token) {
      case "yyyy":
        return String(date.getFullYear());
      case "MMMM":
        return meta.months.genitive[date.getMonth()] ?? "";
      case "LLLL":
        return meta.months.nominative[date.getMonth()] ?? "";
      case "MM":
        return pad2(date.getMonth() + 1);
      case "dd":
        return pad2(date.getDate());
      case "d":
        return String(date.getDate());
      case "HH":
        return pad2(date.getHours());
      case "H":
        return String(date.getHours());
      case "mm":
        return pad2(date.getMinutes());
      case "EEEE":
        return meta.weekdays[date.getDay()] ?? "";
      default:
        return token.slice(1, -1);
    }
  });
}

/** Formats a number with the catalog's separators; `fractionDigits` fixes the decimals (default: as is, at most 2). */
export function formatNumber(value: number, meta: LocaleMeta, fractionDigits?: number): string {
  const fixed = fractionDigits === undefined ? String(Math.round(value * 100) / 100) : value.toFixed(fractionDigits);
  const negative = fixed.startsWith("-");
  const [whole = "0", fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, meta.group) : whole;
  return (negative ? "-" : "") + grouped + (fraction ? meta.decimal + fraction : "");
}

/** Reads a decimal number typed with either separator ("2,5" or "2.5"); null when it is not one. */
export function parseDecimal(text: string): number | null {
  const normalized = text.trim().replace(/\s/g, "").replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(normalized)) return null;
  return Number(normalized);
}
