/**
 * Every message between the page and the service worker (src/reporter/sw.ts), in one place, so both sides
 * agree on the shapes and each side checks what it receives.
 */

/** Background Sync tag the page registers and the worker answers with a `drain` message. */
export const OUTBOX_SYNC_TAG = "kua-outbox";

/** Worker to page: the browser woke us up (Background Sync); run one drain. */
export interface DrainMessage {
  type: "drain";
}

/** Page to worker: the user accepted a new version; take over now (skipWaiting + clientsClaim). */
export interface UpdateMessage {
  type: "update";
}

/** Everything the worker may send to a page. */
export type WorkerMessage = DrainMessage;
/** Everything a page may send to the worker. */
export type PageMessage = UpdateMessage;

function hasType(data: unknown, type: string): boolean {
  return typeof data === "object" && data !== null && (data as { type?: unknown }).type === type;
}

/** The drain message, as the worker sends it. */
export const drainMessage: DrainMessage = { type: "drain" };
/** The update message, as the page sends it. */
export const updateMessage: UpdateMessage = { type: "update" };

/** Whether a message from the worker asks for a drain. */
export function isDrainMessage(data: unknown): data is DrainMessage {
  return hasType(data, "drain");
}

/** Whether a message from a page asks the waiting worker to take over. */
export function isUpdateMessage(data: unknown): data is UpdateMessage {
  return hasType(data, "update");
}
