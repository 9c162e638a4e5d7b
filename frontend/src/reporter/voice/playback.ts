/**
 * Recordings finished in this page's life, as object URLs of the plaintext kept in memory only (like
 * photo thumbnails): after a reload a recording shows as "encrypted", since the phone never stores
 * the plaintext.
 */
const urls = new Map<string, string>();

export function rememberVoice(attachmentId: string, audio: Blob): void {
  forgetVoice(attachmentId);
  urls.set(attachmentId, URL.createObjectURL(audio));
}

/** The playable URL, or null after a reload. */
export function voiceUrl(attachmentId: string): string | null {
  return urls.get(attachmentId) ?? null;
}

export function forgetVoice(attachmentId: string): void {
  const url = urls.get(attachmentId);
  if (url) URL.revokeObjectURL(url);
  urls.delete(attachmentId);
}

/** "mm:ss" of a duration in milliseconds. */
export function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}
