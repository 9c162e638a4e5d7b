/**
 * What a decrypted original photo says of itself (its EXIF), for the reviewer: when the camera
 * says it was taken, which camera, the orientation, and whether it holds a GPS position. The
 * position itself is never read out here: a printed or exported report must not carry it.
 * exifr is imported on first use, so it stays out of the console's first load and off phones.
 */

/** The EXIF facts shown beside a photo; null fields are absent from the file. */
export interface PhotoExif {
  /** DateTimeOriginal as the camera wrote it ("2026-12-07 10:15:00"): local time, no zone. */
  takenAt: string | null;
  make: string | null;
  model: string | null;
  /** 1-8 (1: upright). */
  orientation: number | null;
  hasGps: boolean;
}

const NOTHING: PhotoExif = { takenAt: null, make: null, model: null, orientation: null, hasGps: false };

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.replace(/\0+$/, "").trim() : null;

/** EXIF "YYYY:MM:DD HH:MM:SS" as "YYYY-MM-DD HH:MM:SS"; any other text as it is. */
export function exifDate(value: unknown): string | null {
  const raw = text(value);
  return raw?.replace(/^(\d{4}):(\d\d):(\d\d)/, "$1-$2-$3") ?? null;
}

/** Reads `bytes`' EXIF; a file without EXIF (or not an image exifr knows) yields no facts. */
export async function readExif(bytes: Uint8Array): Promise<PhotoExif> {
  const { default: exifr } = await import("exifr");
  let tags: Record<string, unknown> | undefined;
  try {
    // Raw values: no date guessed into the reviewer's zone, orientation as its number.
    tags = (await exifr.parse(bytes, {
      tiff: true,
      exif: true,
      gps: true,
      reviveValues: false,
      translateValues: false,
      translateKeys: true,
    })) as Record<string, unknown> | undefined;
  } catch {
    return NOTHING;
  }
  if (!tags) return NOTHING;
  return {
    takenAt: exifDate(tags["DateTimeOriginal"] ?? tags["CreateDate"]),
    make: text(tags["Make"]),
    model: text(tags["Model"]),
    orientation: typeof tags["Orientation"] === "number" ? tags["Orientation"] : null,
    hasGps: tags["GPSLatitude"] !== undefined || tags["GPSLongitude"] !== undefined,
  };
}
