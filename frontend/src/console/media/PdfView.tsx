/**
 * A document's PDF: decrypted and checked in the browser, its pages drawn by pdf.js (loaded only
 * now), with an "Open PDF" button and a download link beside them should drawing fail.
 */
import { useEffect, useRef, useState } from "preact/hooks";

import type { PDFDocumentProxy } from "pdfjs-dist";

import { t } from "../i18n";
import type { DeviceKey, FileRef } from "../../shared/report/v2";
import { openPdf } from "./openDocument";
import { drawPage, openPdfDocument } from "./pdfPages";
import { Provenance } from "./Provenance";
import { useOpened } from "./useOpened";

const PAGE_WIDTH = 560;

/** One page of an open PDF, drawn once its canvas is on screen. */
function PdfPage({ pdf, n }: { pdf: PDFDocumentProxy; n: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<"drawing" | "drawn" | "failed">("drawing");
  useEffect(() => {
    if (!canvas.current) return;
    drawPage(pdf, n, canvas.current, PAGE_WIDTH).then(
      () => setState("drawn"),
      () => setState("failed"),
    );
  }, [pdf, n]);
  return (
    <figure class="pdf-page">
      <canvas ref={canvas} data-page={n} data-testid="doc-pdf-page" data-drawn={state === "drawn" ? "1" : undefined} />
      <figcaption>
        {t("docView.pageOf", { n, total: pdf.numPages })}
        {state === "failed" && <span class="problem"> · {t("docView.pdfDrawFailed")}</span>}
      </figcaption>
    </figure>
  );
}

function PdfPages({ bytes }: { bytes: Uint8Array }) {
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let gone = false;
    let opened: PDFDocumentProxy | null = null;
    openPdfDocument(bytes).then(
      (document) => {
        opened = document;
        if (gone) void document.destroy();
        else setPdf(document);
      },
      () => !gone && setFailed(true),
    );
    return () => {
      gone = true;
      void opened?.destroy();
    };
  }, [bytes]);
  if (failed) return <p class="problem">{t("docView.pdfDrawFailed")}</p>;
  if (!pdf) return <p class="muted">{t("docView.opening")}</p>;
  return (
    <div class="pdf-pages" data-pages={pdf.numPages}>
      {Array.from({ length: pdf.numPages }, (_, i) => (
        <PdfPage key={i} pdf={pdf} n={i + 1} />
      ))}
    </div>
  );
}

export function PdfView({ pdf, received, device }: { pdf: FileRef; received: boolean; device: DeviceKey | null }) {
  const state = useOpened(pdf.attachmentId, received, (ciphertext, identities) =>
    openPdf(ciphertext, identities, pdf, device),
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
