/**
 * Rendering a decrypted PDF's pages with pdf.js, loaded only when a reviewer opens a PDF (never in
 * the reporter's bundle). Its worker is a module the build emits under our own origin
 * (assets/review-*), so the CSP (`default-src 'self'`, no eval) holds: eval is turned off.
 */
import type { PDFDocumentProxy } from "pdfjs-dist";

let pdfjs: Promise<typeof import("pdfjs-dist")> | null = null;

function loadPdfjs(): Promise<typeof import("pdfjs-dist")> {
  pdfjs ??= import("pdfjs-dist").then((lib) => {
    lib.GlobalWorkerOptions.workerPort = new Worker(new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url), {
      type: "module",
    });
    return lib;
  });
  return pdfjs;
}

/** The PDF in `bytes` (pdf.js takes the buffer: it gets a copy). */
export async function openPdfDocument(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await loadPdfjs();
  return lib.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: true }).promise;
}

/** Draws page `n` (1-based) of `pdf` on `canvas`, about `width` CSS pixels wide. */
export async function drawPage(
  pdf: PDFDocumentProxy,
  n: number,
  canvas: HTMLCanvasElement,
  width: number,
): Promise<void> {
  const page = await pdf.getPage(n);
  const unscaled = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: (width / unscaled.width) * (window.devicePixelRatio || 1) });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${width}px`;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("No 2D canvas here.");
  await page.render({ canvasContext: context, viewport }).promise;
}
