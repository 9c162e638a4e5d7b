/**
 * A document's PDF: decrypted and checked in the browser, its pages drawn by pdf.js (loaded only
 * now), with an "Open PDF" button and a download link beside them should drawing fail.
 */
import { useEffect, useRef, useState } from "preact/hooks";

import { t } from "../i18n";
import type { DeviceKey, FileRef } from "../../shared/report/v2";
import { openPdf } from "./openDocument";
import { drawPage, openPdfDocument } from "./pdfPages";
import { Provenance } from "./Provenance";
import { useOpened } from "./useOpened";

const PAGE_WIDTH = 560;

function PdfPages({ bytes }: { bytes: Uint8Array }) {
  const holder = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let gone = false;
    void (async () => {
      const pdf = await openPdfDocument(bytes);
      if (gone) return;
      setPages(pdf.numPages);
      for (let n = 1; n <= pdf.numPages && !gone; n += 1) {
        const canvas = holder.current?.querySelector<HTMLCanvasElement>(`canvas[data-page="${n}"]`);
        if (canvas) await drawPage(pdf, n, canvas, PAGE_WIDTH);
        canvas?.setAttribute("data-drawn", "1");
      }
      await pdf.destroy();
    })().catch(() => !gone && setFailed(true));
    return () => {
      gone = true;
    };
  }, [bytes]);
  if (failed) return <p class="problem">{t("docView.pdfDrawFailed")}</p>;
  return (
    <div ref={holder} class="pdf-pages" data-pages={pages ?? undefined}>
      {pages === null && <p class="muted">{t("docView.opening")}</p>}
      {Array.from({ length: pages ?? 0 }, (_, i) => (
        <figure key={i} class="pdf-page">
          <canvas data-page={i + 1} data-testid="doc-pdf-page" />
          <figcaption>{t("docView.pageOf", { n: i + 1, total: pages ?? 0 })}</figcaption>
        </figure>
      ))}
    </div>
  );
}

export function PdfView({ pdf, received, device }: { pdf: FileRef; received: boolean; device: DeviceKey | null }) {
  const state = useOpened(pdf.attachmentId, received, (ciphertext, identity) =>
    openPdf(ciphertext, identity, pdf, device),
  );
  const open = state.name === "open" ? state : null;
  return (
    <div class="document-pdf" data-testid="doc-view-pdf" data-attachment-id={pdf.attachmentId}>
      <p>
        <strong>{t("docView.pdf")}</strong>
        {pdf.name ? `: ${pdf.name}` : ""}
      </p>
      {open ? (
        <>
          <Provenance opened={open.opened} />
          <p>
            {open.opened.type === "application/pdf" && (
              <a href={open.url} target="_blank" rel="noopener" class="button" data-testid="doc-pdf-open">
                {t("docView.pdfOpen")}
              </a>
            )}{" "}
            <a href={open.url} download={`${pdf.attachmentId}.pdf`} data-testid="doc-pdf-download">
              {t("docView.pdfDownload")}
            </a>
          </p>
          {open.opened.type === "application/pdf" && open.opened.hashOk && <PdfPages bytes={open.opened.bytes} />}
        </>
      ) : (
        <p class="muted">{t(`docView.${state.name}`)}</p>
      )}
      <p class="hash">
        SHA-256: <code>{pdf.sha256}</code>
      </p>
    </div>
  );
}
