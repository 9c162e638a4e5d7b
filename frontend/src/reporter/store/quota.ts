/** How much room the phone gives this app, and whether it may evict it (navigator.storage). */
import type { StorageInfo } from "../engine/engine";

const LOW_FRACTION = 0.1;
const LOW_BYTES = 50 * 1024 * 1024;

/** Usage, quota and persistence; `low` when less than 10% or 50 MB is left. */
export async function storageInfo(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<StorageInfo> {
  if (storage === undefined) {
    return { usageBytes: null, quotaBytes: null, persisted: false, low: false };
  }
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch((): StorageEstimate => ({})),
    storage.persisted().catch(() => false),
  ]);
  const usageBytes = estimate.usage ?? null;
  const quotaBytes = estimate.quota ?? null;
  const left = usageBytes !== null && quotaBytes !== null ? quotaBytes - usageBytes : null;
  const low = left !== null && quotaBytes !== null && (left < LOW_BYTES || left < quotaBytes * LOW_FRACTION);
  return { usageBytes, quotaBytes, persisted, low };
}

/** Asks the browser not to evict our data (after the first saved report); never throws. */
export async function requestPersistence(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<void> {
  try {
    if (storage !== undefined && !(await storage.persisted())) await storage.persist();
  } catch {
    // Some browsers refuse outright; the outbox still works, only eviction stays possible.
  }
}
