/**
 * Thumbnails of photos attached in this page's life, as object URLs of small re-encoded copies.
 * They live in memory only: the plaintext photo is never stored, so after a reload a photo shows
 * as a neutral "encrypted" tile.
 */
const urls = new Map<string, string>();
const EDGE = 192;

/** Makes a small thumbnail of `file` for `attachmentId` (one decode at a time, bitmap closed). */
export async function rememberThumbnail(attachmentId: string, file: Blob): Promise<void> {
  let thumbnail: Blob = file;
  try {
    const bitmap = await createImageBitmap(file, { resizeWidth: EDGE, resizeQuality: "medium" });
    const canvas = document.createElement("canvas");
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
    bitmap.close();
    thumbnail = (await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.7))) ?? file;
  } catch {
    // A format the browser cannot decode: fall back to the file itself (the <img> may stay empty).
  }
  urls.set(attachmentId, URL.createObjectURL(thumbnail));
}

/** The thumbnail URL, or null after a reload (the page never had the photo). */
export function thumbnailUrl(attachmentId: string): string | null {
  return urls.get(attachmentId) ?? null;
}

export function forgetThumbnail(attachmentId: string): void {
  const url = urls.get(attachmentId);
  if (url) URL.revokeObjectURL(url);
  urls.delete(attachmentId);
}

export function forgetAllThumbnails(): void {
  for (const id of [...urls.keys()]) forgetThumbnail(id);
}
