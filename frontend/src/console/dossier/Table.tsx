/** The dossier's tables: a cell prints "not known" when the report leaves it empty, never a guess. */
import type { ComponentChildren } from "preact";

import type { DocumentLanguage } from "./language";

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
