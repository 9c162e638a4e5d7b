/** Test-only: a stored attachment's whole age file, from its Blob or its pieces. Never imported by the app. */
import { storedCiphertext } from "../../store/attachmentPieces";
import type { KuaDb } from "../../store/db";

/** The age file stored for `attachmentId`, or undefined when there is no such attachment. */
export async function storedAgeFile(db: KuaDb, attachmentId: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const record = await db.get("attachments", attachmentId);
  if (record === undefined) return undefined;
  const source = storedCiphertext(db, record);
  return new Uint8Array(await (await source.slice(0, source.size)).arrayBuffer());
}
