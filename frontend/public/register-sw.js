// Registers the reporter app's service worker as soon as the HTML is parsed: a cheap phone on 2G
// takes seconds to load and run the app's scripts (bench/bench_phone.py), and the precache
// downloads meanwhile. The app registers the same worker again when its engine opens
// (src/reporter/sync/triggers.ts: a no-op then, and the only registration where this file is
// missing). Under `vite` (development) there is no /sw.js: the registration fails quietly.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" }).catch(() => undefined);
}
