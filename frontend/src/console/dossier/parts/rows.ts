/**
 * The printed dossier's parts as plain data, from the case's evidence (appeal/evidence.ts): every
 * person, every act, each person's medical care, the complaints, documents, voice recordings and the
 * families' answers. Strings in the dossier's language; null where a report leaves a fact unknown,
 * which the table prints as "not known" (Table.tsx). Pure, so vitest reads what the page prints.
 */
import type { DocumentLanguage } from "../language";
import type { EvidencePerson } from "../appeal/evidence";
import { reportRef } from "../words";

/** A labelled fact; `violation` is the data-field ("detention.lawyerAllowed") when it marks one. */
export interface FactRow {
  label: string;
  value: string | null;
  violation?: string;
}

/** A table: its columns' headings and a row of cells per item. */
export interface Table {
  columns: string[];
  /** Columns of hashes and ids: printed fixed-width, one value per line (space-separated in the cell). */
  code?: number[];
  rows: { key: string; cells: (string | null)[] }[];
}

/** The person's name as the report gives it (never transliterated: the dossier quotes as written). */
export function personLabel(L: DocumentLanguage, p: EvidencePerson): string {
  const name = p.person.fullName?.trim();
  if (name && !p.nameWithheld) return name;
  return L.t(p.nameWithheld ? "dossier.doc.withheld" : "dossier.doc.unnamed", { n: p.number, report: p.reportNumber });
}

/** Whose it is: the person's name, or "not given (report 2)". */
export const whoseLabel = (L: DocumentLanguage, p: EvidencePerson | null, reportNumber: number): string =>
  p ? personLabel(L, p) : L.t("dossier.injuries.personNotGiven", { report: reportNumber });

/** The source column: "Сообщение № 2". */
export const sourceCell = (L: DocumentLanguage, from: { reportNumber: number }): string => reportRef(L, from);

/**
 * Only the columns some row knows: a column nobody answered says nothing and is left out, so
 * "not known" is printed only in a column that matters (the first column and the source are kept).
 */
export function withKnownColumns(table: Table, keep: readonly number[] = [0]): Table {
  const last = table.columns.length - 1;
  const kept = table.columns.flatMap((_, i) =>
    i === last || keep.includes(i) || table.rows.some((row) => row.cells[i] !== null) ? [i] : [],
  );
  return {
    ...table,
    columns: kept.map((i) => table.columns[i]!),
    code: (table.code ?? []).flatMap((i) => (kept.includes(i) ? [kept.indexOf(i)] : [])),
    rows: table.rows.map((row) => ({ key: row.key, cells: kept.map((i) => row.cells[i] ?? null) })),
  };
}

/** Rows whose value is known, plus the `always` ones (said "not known" when empty). */
export const knownRows = (rows: readonly (FactRow & { always?: boolean })[]): FactRow[] =>
  rows.flatMap(({ always, ...row }) => (always || row.value !== null || row.violation ? [row] : []));
