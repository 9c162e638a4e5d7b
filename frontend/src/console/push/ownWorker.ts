/**
 * The console out of the reporter app's reach: the reporter's service worker (/sw.js) has scope `/`,
 * so a browser that once opened the reporter app would let it control /review and see the console's
 * requests. The console registers its own worker (/review-sw.js, scope /review: the longer scope
 * wins) at every start; that worker claims the open console at once (src/console/push/worker.ts), and
 * every later visit to /review is controlled by it alone. It handles no fetch and caches nothing.
 */
import { WORKER_SCOPE, WORKER_URL } from "./consolePush";

/** Registers /review-sw.js for /review unless it already is (push may have registered it with its text). */
export async function keepReporterWorkerOut(
  container: ServiceWorkerContainer | undefined = typeof navigator !== "undefined" && "serviceWorker" in navigator
    ? navigator.serviceWorker
    : undefined,
): Promise<void> {
  if (container === undefined) return;
  try {
    const scope = new URL(WORKER_SCOPE, location.origin).href;
    const registrations = await container.getRegistrations();
    if (registrations.some((registration) => registration.scope === scope)) return;
    await container.register(WORKER_URL, { scope: WORKER_SCOPE });
  } catch (error) {
    // Without it the console works; the reporter's worker still never answers /review (src/reporter/sw.ts).
    console.warn(error);
  }
}
