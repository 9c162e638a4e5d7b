/// <reference lib="webworker" />
/**
 * The service worker: serves the precached app shell offline and turns Background Sync into a
 * message to the page, which does the sending (src/reporter/sync). It never caches /api/ and never stores a
 * report itself. A new version waits until the page sends `update` (src/reporter/sync/messages.ts). A push
 * (docs/push.md) becomes one neutral notification; its bytes are never read.
 */
import { clientsClaim } from "workbox-core";
import { PrecacheController, PrecacheRoute, cleanupOutdatedCaches } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

import { OUTBOX_SYNC_TAG, drainMessage, isUpdateMessage } from "./sync/messages";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<PrecacheController["addToCacheList"]>[0] };
/** The deployment's neutral app name (vite.config.ts): the only title a push notification shows. */
declare const __KUA_APP_NAME__: string;

/** Background Sync's event, typed here because the webworker library does not have it yet. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

// Workbox's own install (`precacheAndRoute`) fetches the precache one file at a time: on 2G, where a
// round trip is 0.8 s, its 30-odd files took 20 s before the app worked offline (bench/bench_phone.py).
// The same controller, installed here with every file requested at once (the browser still opens at
// most 6 connections). Stage 1, the install, holds what a text report needs to be written, sealed and
// queued offline in the language the app opened in (docs/reporter-app.md#working-offline); stage 2,
// LATER, follows activation: the other languages' catalogs, "My reports" and follow-up answers, the
// upload code (`later-` chunks, vite.config.ts), the webfonts, the icons and the web app manifest.
// Until then such a file comes from the network or the HTTP cache.
const LATER = /\/assets\/(catalog|later)-|\.woff2$|\/icon(-\d+\.png|\.svg)$|\/manifest\.webmanifest$/;
const precache = new PrecacheController();
precache.addToCacheList(self.__WB_MANIFEST);
let laterCached = false;
self.addEventListener("install", (event) => event.waitUntil(installPrecache(event)));
self.addEventListener("activate", (event) => {
  void precache.activate(event);
  void cacheLater(); // not awaited: requests wait for the activation, not for these files
});
// A worker stopped before the later files were in gets another chance with the next page load.
self.addEventListener("fetch", (event) => {
  if (!laterCached && event.request.mode === "navigate") event.waitUntil(cacheLater());
});
registerRoute(new PrecacheRoute(precache));
cleanupOutdatedCaches();
// The API is never answered from the cache; /review is the reviewer console, a page of its own
// that the server sends (a browser that once opened the reporter app must still reach it).
registerRoute(
  new NavigationRoute(precache.createHandlerBoundToURL("/index.html"), { denylist: [/^\/api\//, /^\/review/] }),
);

/**
 * The precache files the app needs offline, fetched at once under Workbox's cache keys; fails if any fails.
 * A revisioned file (index.html, exit.html: no hash in its name) is revalidated (`no-cache`: a 304 when the
 * page just loaded it) where Workbox reloads it whole; a hashed one may come from the HTTP cache.
 */
async function installPrecache(event: ExtendableEvent): Promise<void> {
  const files = [...precache.getURLsToCacheKeys()]
    .filter(([url]) => !LATER.test(url))
    .map(([url, cacheKey]) => {
      const cache = new URL(cacheKey).searchParams.has("__WB_REVISION__") ? "no-cache" : "default";
      const request = new Request(url, { cache, credentials: "same-origin" });
      return Promise.all(precache.strategy.handleAll({ params: { cacheKey }, request, event }));
    });
  await Promise.all(files);
}

/** The LATER files missing from the precache, fetched at once; never throws (offline, it waits for the next try). */
async function cacheLater(): Promise<void> {
  const cache = await caches.open(precache.strategy.cacheName);
  const later = [...precache.getURLsToCacheKeys()].filter(([url]) => LATER.test(url));
  const stored = await Promise.all(
    later.map(async ([url, cacheKey]) => {
      if (await cache.match(cacheKey)) return true;
      const response = await fetch(url, { credentials: "same-origin" }).catch(() => null);
      if (!response?.ok) return false;
      await cache.put(cacheKey, response);
      return true;
    }),
  );
  laterCached = stored.every(Boolean);
}

self.addEventListener("sync", (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== OUTBOX_SYNC_TAG) return;
  sync.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((clients) => {
      for (const client of clients) client.postMessage(drainMessage);
    }),
  );
});

self.addEventListener("message", (event) => {
  if (!isUpdateMessage(event.data)) return;
  void self.skipWaiting();
  clientsClaim();
});

// A push (docs/push.md) carries the same fixed bytes every time and is never read: it only means
// "there is news". The notification names nothing; one replaces the other (same tag).
const NEWS: Record<string, string> = { ru: "Есть новости", kk: "Жаңалық бар", en: "There is news" };

self.addEventListener("push", (event) => {
  const language = (self.navigator.language || "ru").slice(0, 2);
  const body = NEWS[language] ?? NEWS["ru"]!;
  event.waitUntil(self.registration.showNotification(__KUA_APP_NAME__, { body, tag: "news", icon: "/icon-192.png" }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((clients) => {
      const open = clients.find((client) => new URL(client.url).pathname.startsWith("/review") === false);
      return open ? open.focus() : self.clients.openWindow("/");
    }),
  );
});
