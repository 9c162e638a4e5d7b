/**
 * Opening a photo: the attachment's age file decrypted with the unlocked identity (or the attachment
 * identity of its report: `KeyRing.identitiesFor`), its padding removed, and the SHA-256 of the bytes checked against the `sealedSha256` the report recorded.
 * The report (sealed separately) thus vouches for the photo the server delivers.
 */
import { open } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import type { PhotoRef } from "../../shared/report/model";

export interface OpenPhoto {
  bytes: Uint8Array<ArrayBuffer>;
  /** SHA-256 (hex) of the decrypted bytes. */
  sha256: string;
  /** Whether it is the `sealedSha256` the report names. */
  hashOk: boolean;
  /** The image type by its first bytes ("" when unknown). */
  type: string;
}

/** The image type by magic number: JPEG, PNG, WebP, GIF, HEIC; "" otherwise. */
export function imageType(bytes: Uint8Array): string {
  const at = (offset: number, text: string): boolean =>
    [...text].every((c, i) => bytes[offset + i] === c.charCodeAt(0));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes[0] === 0x89 && at(1, "PNG")) return "image/png";
  if (at(0, "RIFF") && at(8, "WEBP")) return "image/webp";
  if (at(0, "GIF8")) return "image/gif";
  if (at(4, "ftyp") && (at(8, "heic") || at(8, "heix") || at(8, "mif1"))) return "image/heic";
  return "";
}

export async function openPhoto(
  ciphertext: Uint8Array,
  identities: readonly string[],
  photo: Pick<PhotoRef, "sealedSha256">,
): Promise<OpenPhoto> {
  const bytes = new Uint8Array(await open(ciphertext, identities));
  const sha256 = await sha256Hex(bytes);
  return { bytes, sha256, hashOk: sha256 === photo.sealedSha256.toLowerCase(), type: imageType(bytes) };
}

/**
 * Opening a photo's preview (the phone's small copy, sent first): the report names no hash for it,
 * so it is shown only until the original, which the report does vouch for, arrives.
 */
export async function openPreview(
  ciphertext: Uint8Array,
  identities: readonly string[],
): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string }> {
  const bytes = new Uint8Array(await open(ciphertext, identities));
  return { bytes, type: imageType(bytes) };
}
