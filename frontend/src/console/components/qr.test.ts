/**
 * The enrolment QR code says exactly the otpauth:// address: drawn, rasterised and read back with
 * the library's own decoder (as a phone's camera would), and its path has one square per dark module.
 */
import decodeQR from "@paulmillr/qr/decode.js";
import { describe, expect, it } from "vitest";

import { QUIET_ZONE, qrDrawing } from "./qr";

/** The drawing as an RGB image, `scale` pixels per module, white quiet zone included. */
function raster(modules: boolean[][], scale = 4): { width: number; height: number; data: Uint8Array } {
  const side = (modules.length + 2 * QUIET_ZONE) * scale;
  const data = new Uint8Array(side * side * 3).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + QUIET_ZONE) * scale + dy) * side + (x + QUIET_ZONE) * scale + dx) * 3;
          data.fill(0, at, at + 3);
        }
    }),
  );
  return { width: side, height: side, data };
}

describe("the TOTP enrolment QR code", () => {
  const uri = "otpauth://totp/Kua:Aigul%20Sadykova?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Kua";

  it("reads back as the otpauth address", () => {
    const drawing = qrDrawing(uri);
    expect(decodeQR(raster(drawing.modules))).toBe(uri);
  });

  it("draws one unit square per dark module, inside the quiet zone", () => {
    const drawing = qrDrawing(uri);
    const dark = drawing.modules.flat().filter(Boolean).length;
    expect(drawing.path.match(/M\d+ \d+h1v1h-1z/g)).toHaveLength(dark);
    expect(drawing.size).toBe(drawing.modules.length + 2 * QUIET_ZONE);
    expect(drawing.path.startsWith(`M${QUIET_ZONE} ${QUIET_ZONE}h1`)).toBe(true); // the finder pattern's corner
  });
});
