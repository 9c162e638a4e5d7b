/**
 * A QR code as an SVG path, from @paulmillr/qr (the noble/scure author's minimal encoder, no
 * dependencies): the TOTP enrolment's otpauth:// address, scanned by an authenticator app. Drawn as
 * one path of unit squares inside a 4-module quiet zone, so no image or inline markup is involved.
 */
import encodeQR from "@paulmillr/qr";

export const QUIET_ZONE = 4;

export interface QrDrawing {
  /** Modules per side, quiet zone included. */
  size: number;
  /** "M5 5h1v1h-1z…": one unit square per dark module. */
  path: string;
  modules: boolean[][];
}

export function qrDrawing(text: string): QrDrawing {
  const modules = encodeQR(text, "raw", { ecc: "medium", border: 0 });
  let path = "";
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
    }),
  );
  return { size: modules.length + 2 * QUIET_ZONE, path, modules };
}
