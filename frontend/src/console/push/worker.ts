/// <reference lib="webworker" />
/**
 * The console's own service worker, /review-sw.js with scope /review (built unhashed by
 * vite.config.ts, never precached, never loaded by phones). It only turns a push into one fixed
 * notification (docs/push.md): a push carries the same bytes every time and is not read. The text
 * comes from the console's language at subscription time (`?body=` of the script URL). It handles
 * no fetch and caches nothing.
 */
declare const self: ServiceWorkerGlobalScope;

const FALLBACK = "Новое в очереди рассмотрения · New activity in the review queue";
const body = new URL(self.location.href).searchParams.get("body") || FALLBACK;

self.addEventListener("install", () => void self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  event.waitUntil(self.registration.showNotification("Kua", { body, tag: "review-activity" }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((clients) => {
      const open = clients.find((client) => new URL(client.url).pathname.startsWith("/review"));
      return open ? open.focus() : self.clients.openWindow("/review");
    }),
  );
});

export {};
