/**
 * Downscaling a photo in the browser: decode with createImageBitmap (EXIF orientation applied),
 * draw at most 2048 px on the long side, re-encode as JPEG 0.85. Re-encoding drops EXIF, GPS
 * included. A decoded 12 MP photo takes about 48 MB, so callers process one image at a time and
 * the bitmap is closed as soon as it is drawn.
 */

/** Longest side of a downscaled photo, in pixels. */
export const MAX_SIDE = 2048;
const JPEG_QUALITY = 0.85;

/** A re-encoded photo and its pixel size. */
export interface Downscaled {
  blob: Blob;
  width: number;
  height: number;
}

/** How small, and how compressed: the smaller copy by default; a preview is smaller still. */
export interface DownscaleOptions {
  maxSide: number;
  quality: number;
}

const SMALLER_COPY: DownscaleOptions = { maxSide: MAX_SIDE, quality: JPEG_QUALITY };

/** Fits `width` x `height` within `maxSide` on the long side, keeping the aspect ratio (never upscales). */
export function fittedSize(width: number, height: number, maxSide = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d");
    if (context === null) throw new Error("No 2D canvas to re-encode the photo.");
    context.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    try {
      return await canvas.convertToBlob({ type: "image/jpeg", quality });
    } finally {
      canvas.width = canvas.height = 0; // frees the pixel buffer now, not at garbage collection
    }
  }
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (context === null) throw new Error("No 2D canvas to re-encode the photo.");
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  try {
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob(
        (blob) => (blob === null ? reject(new Error("The photo could not be re-encoded.")) : resolve(blob)),
        "image/jpeg",
        quality,
      );
    });
  } finally {
    canvas.width = canvas.height = 0;
  }
}

/** Decodes `photo`, shrinks it to fit `options.maxSide` and re-encodes it as JPEG without metadata. */
export async function downscale(photo: Blob, options: DownscaleOptions = SMALLER_COPY): Promise<Downscaled> {
  const bitmap = await createImageBitmap(photo, { imageOrientation: "from-image" });
  try {
    const { width, height } = fittedSize(bitmap.width, bitmap.height, options.maxSide);
    return { blob: await encodeJpeg(bitmap, width, height, options.quality), width, height };
  } finally {
    bitmap.close(); // closing twice is harmless; this covers a failure before the draw
  }
}
