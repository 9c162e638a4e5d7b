/** The dossier's tables: a cell prints "not known" when the report leaves it empty, never a guess. */
import type { ComponentChildren } from "preact";

import type { DocumentLanguage } from "./language";
import type { FactRow, Table as DataTableData } from "./parts/rows";

export type Row = [label: string, value: ComponentChildren];

const empty = (value: ComponentChildren): boolean =>
  value === null || value === undefined || value === false || value === "";

export function Cell({ L, value }: { L: DocumentLanguage; value: ComponentChildren }) {
  return <>{empty(value) ? <span class="not-known">{L.notKnown}</span> : value}</>;
}

/** A two-column table of labelled facts. */
export function FactTable({ L, rows }: { L: DocumentLanguage; rows: Row[] }) {
  return (
    <table class="dossier-facts">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>
              <Cell L={L} value={value} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A section of the document with its heading. */
export function Part({ testid, title, children }: { testid: string; title: string; children: ComponentChildren }) {
  return (
    <section class="dossier-part" data-testid={testid}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A table of `parts/` data: a "not known" cell for null, hash columns fixed-width, one per line. */
export function DataTable({ L, table, testid }: { L: DocumentLanguage; table: DataTableData; testid?: string }) {
  const code = new Set(table.code ?? []);
  return (
    <table class="dossier-table">
      <thead>
        <tr>
          {table.columns.map((title) => (
            <th scope="col" key={title}>
              {title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.key} data-testid={testid}>
            {row.cells.map((cell, i) => (
              <td key={i}>
                {code.has(i) && cell !== null ? (
                  cell.split(" ").map((value) => (
                    <code key={value} class="dossier-hash">
                      {value}
                    </code>
                  ))
                ) : (
                  <Cell L={L} value={cell} />
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Facts of `parts/` data as a two-column table; a violation is marked as the safeguards were. */
export function FactRows({ L, rows }: { L: DocumentLanguage; rows: readonly FactRow[] }) {
  return (
    <FactTable
      L={L}
      rows={rows.map(({ label, value, violation }): Row => [
        label,
        violation ? (
          <strong class="dossier-violation" data-field={violation}>
            {value ?? L.t("dossier.answers.violation")}
          </strong>
        ) : (
          value
        ),
      ])}
    />
  );
}
