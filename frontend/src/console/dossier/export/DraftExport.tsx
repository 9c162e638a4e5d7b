/**
 * Under each appeal draft: "Word (.docx)" downloads the draft as it stands in its textarea, edits
 * included, with its annex (docx.ts, loaded only on that click), and "PDF" prints that draft alone
 * with its annex through the browser's print dialog: while it prints, the body's class and the draft's
 * section tell the print stylesheet (draftExport.css) to hide the rest of the dossier; `afterprint`
 * restores them. The annexes come from the dossier screen (`DraftAnnexes`), built from the reports
 * that may go to each addressee. Nothing of it reaches the server.
 */
import "./draftExport.css";

import { createContext } from "preact";
import { useContext, useRef, useState } from "preact/hooks";

import { t } from "../../i18n";
import type { Addressee } from "../dossier";
import type { DocumentLanguage } from "../language";
import type { UnProcedure } from "../un";
import { annexTables, type DraftAnnex } from "./annex";

/** Each addressee's annex, provided by the dossier screen. */
export const DraftAnnexes = createContext<Record<Addressee, DraftAnnex> | null>(null);

const NO_ANNEX: DraftAnnex = { photos: [], documents: [], voice: [], sources: [] };
const PRINTING_ONE = "dossier-print-draft";
const PRINTED = "dossier-printing";

/** Saves `blob` as `name` through a link the browser downloads from. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by the time a minute has passed; then the memory goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Prints only `section` (a draft), restoring the full dossier's print once the dialog closes. */
function printOnly(section: Element): void {
  const restore = (): void => {
    document.body.classList.remove(PRINTING_ONE);
    section.classList.remove(PRINTED);
  };
  document.body.classList.add(PRINTING_ONE);
  section.classList.add(PRINTED);
  window.addEventListener("afterprint", restore, { once: true });
  window.print();
}

/** The annex as the single-draft print shows it: the same tables as in the Word document. */
function AnnexView({ L, annex }: { L: DocumentLanguage; annex: DraftAnnex }) {
  const tables = annexTables(L, annex);
  if (tables.length === 0) return null;
  return (
    <div class="dossier-draft-annex" lang={L.tag}>
      <h2>{L.t("dossier.annex.title")}</h2>
      <p>{L.t("dossier.annex.intro")}</p>
      {tables.map(({ title, columns, rows }, index) => (
        <section key={title}>
          <h3>{`${index + 1}. ${title}`}</h3>
          <table class="dossier-table">
            <thead>
              <tr>
                {columns.map(([heading]) => (
                  <th key={heading} scope="col">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, cellIndex) => (
                    <td key={cellIndex}>
                      {cell.map(({ text, hash }, lineIndex) => (
                        <div key={lineIndex}>{hash ? <code>{text}</code> : text}</div>
                      ))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

export function DraftExport({
  L,
  addressee,
  variant,
  value,
}: {
  L: DocumentLanguage;
  addressee: Addressee;
  variant: UnProcedure | null;
  /** The draft's current text, edits included. */
  value: string;
}) {
  const annex = useContext(DraftAnnexes)?.[addressee] ?? NO_ANNEX;
  const [state, setState] = useState<"idle" | "building" | "failed">("idle");
  const here = useRef<HTMLDivElement>(null);

  const toWord = async (): Promise<void> => {
    setState("building");
    try {
      const { draftDocx, draftFileName } = await import("./docx");
      const title = L.t(`dossier.appeals.${addressee}`);
      download(await draftDocx({ L, text: value, annex, title }), draftFileName(addressee, variant));
      setState("idle");
    } catch {
      setState("failed");
    }
  };
  const toPdf = (): void => {
    const section = here.current?.closest(".dossier-appeal");
    if (section) printOnly(section);
  };

  return (
    <>
      <p class="dossier-draft-export no-print" ref={here}>
        <button
          type="button"
          class="secondary"
          data-testid="appeal-docx"
          data-state={state}
          disabled={state === "building"}
          onClick={() => void toWord()}
        >
          {t("dossier.ui.export.docx")}
        </button>{" "}
        <button type="button" class="secondary" data-testid="appeal-pdf" onClick={toPdf}>
          {t("dossier.ui.export.pdf")}
        </button>{" "}
        <span class="muted" aria-live="polite">
          {state === "building"
            ? t("dossier.ui.export.building")
            : state === "failed"
              ? t("dossier.ui.export.failed")
              : t("dossier.ui.export.hint")}
        </span>
      </p>
      <AnnexView L={L} annex={annex} />
    </>
  );
}
