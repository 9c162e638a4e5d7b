/** A QR code of `text`, drawn as an SVG (components/qr.ts), scaled with the page; loaded on demand. */
import { useEffect, useState } from "preact/hooks";

import type { QrDrawing } from "./qr";

export function QrCode({ text, label, testid }: { text: string; label: string; testid: string }) {
  const [drawing, setDrawing] = useState<QrDrawing | null>(null);
  useEffect(() => {
    let gone = false;
    import("./qr").then(
      ({ qrDrawing }) => !gone && setDrawing(qrDrawing(text)),
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [text]);
  if (drawing === null) return null;
  return (
    <svg
      class="qr-code"
      data-testid={testid}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${drawing.size} ${drawing.size}`}
      shape-rendering="crispEdges"
    >
      <rect width={drawing.size} height={drawing.size} fill="#fff" />
      <path d={drawing.path} fill="#000" />
    </svg>
  );
}
