/**
 * Build and test configuration.
 *
 * Every page is listed in `pages`. The reporter app (`index.html`) is what phones load; the
 * reviewer console (`review.html`, src/console) is a separate entry that phones never load: its code
 * is `assets/review-*` (its page's chunk, its report-opening worker, pdf.js and its worker), left out
 * of the service worker's precache with review.html, and the service worker never answers /review itself
 * (src/reporter/sw.ts). Modules both pages use (Preact, the crypto) land in shared chunks the reporter
 * loads anyway. Nothing is inlined into the HTML, so a `script-src 'self'` CSP holds.
 *
 * The deployment file (build/deployment.ts) is required to build: it pins the root keys, the
 * recipient list and the app's neutral name. The service worker (src/reporter/sw.ts) precaches the build.
 */
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";

import { catalogNames } from "./build/catalogNames.ts";
import { loadDeployment } from "./build/deployment.ts";
import { precompress } from "./build/precompress.ts";
import type { DeploymentConfig } from "./src/shared/deployment";

const pages = {
  reporter: fileURLToPath(new URL("./index.html", import.meta.url)),
  review: fileURLToPath(new URL("./review.html", import.meta.url)),
};
/** The console's own service worker (push notifications, docs/push.md): /review-sw.js, unhashed, scope /review. */
const CONSOLE_WORKER = { "review-sw": fileURLToPath(new URL("./src/console/push/worker.ts", import.meta.url)) };

/** What only the console loads: never precached, so phones never download it. */
const CONSOLE_ONLY = ["review.html", "assets/review-*", "review-sw.js"];
const CONSOLE_SOURCES = fileURLToPath(new URL("./src/console/", import.meta.url));

/** Packages only the console imports (lazily: exifr, pdf.js, docx): their chunks must not be precached for phones either. */
const CONSOLE_PACKAGES = ["exifr", "pdfjs-dist", "docx"].map((name) =>
  fileURLToPath(new URL(`./node_modules/${name}/`, import.meta.url)),
);

/** The interface catalogs (one chunk per language, loaded when chosen). */
const CATALOGS = fileURLToPath(new URL("./src/shared/i18n/locales/", import.meta.url));

/**
 * Chunks a report written offline never needs: "My reports" and follow-up answers (their screen, model,
 * sender, notifications switch), tus-js-client (photo uploads, online by nature) and the in-memory
 * database (a browser that keeps nothing sends online). With the other
 * languages' catalogs, the service worker precaches them after it activates (src/reporter/sw.ts). A chunk
 * not named here is precached before: a new chunk costs bytes there, never a broken offline start.
 */
const LATER_CHUNKS = new Set([
  "MyReports",
  "followups",
  "drainAnswers",
  "answerMedia",
  "notify",
  "pushSubscription",
  // The in-memory IndexedDB, loaded only when the browser keeps nothing (src/reporter/store/openDb.ts).
  "memoryIndexedDb",
]);
const TUS = fileURLToPath(new URL("./node_modules/tus-js-client/", import.meta.url));

/**
 * The crypto libraries (age, @noble's curves, ciphers, hashes, ML-KEM, Argon2) in one chunk: the app loads
 * them together to seal or to check the list, and six small chunks cost the precache six requests, on 2G
 * two more round trips of 0.8 s (bench/bench_phone.py).
 */
const CRYPTO_LIBRARIES = /[\\/]node_modules[\\/](@noble[\\/]|age-encryption[\\/])/;

/**
 * A chunk split off the console's own code, or off a console-only package, keeps the `review-` prefix;
 * a catalog gets `catalog-` and what only "My reports" or uploads need gets `later-`.
 */
function chunkFileName(chunk: { name: string; facadeModuleId: string | null; moduleIds: readonly string[] }): string {
  const id = chunk.facadeModuleId;
  if (id !== null && [CONSOLE_SOURCES, ...CONSOLE_PACKAGES].some((prefix) => id.startsWith(prefix))) {
    return "assets/review-[name]-[hash].js";
  }
  const catalog = chunk.moduleIds.length > 0 && chunk.moduleIds.every((module) => module.startsWith(CATALOGS));
  if (catalog) return "assets/catalog-[name]-[hash].js";
  const later = LATER_CHUNKS.has(chunk.name) || (id !== null && id.startsWith(TUS));
  return later ? "assets/later-[name]-[hash].js" : "assets/[name]-[hash].js";
}

/** The console is not the installable reporter app: its page gets no link to the web app manifest. */
function consoleWithoutManifest(): Plugin {
  return {
    name: "kua-console-without-manifest",
    apply: "build",
    enforce: "post",
    transformIndexHtml: {
      order: "post",
      handler: (html, { path }) =>
        path.endsWith("/review.html") ? html.replace(/\s*<link rel="manifest"[^>]*>/, "") : html,
    },
  };
}

export default defineConfig(({ command }) => {
  // Unit tests run without a deployment (they bring their own keys and lists).
  const deployment = process.env.VITEST ? null : loadDeployment(command === "build");
  const client: DeploymentConfig | null = deployment && {
    development: deployment.development,
    appName: deployment.app_name,
    rootPublicKeys: deployment.root_public_keys,
    threshold: deployment.threshold,
    recipientList: deployment.recipient_list,
    quickExitUrl: deployment.quick_exit_url ?? "/exit.html",
  };
  return {
    base: "/",
    define: {
      __KUA_DEPLOYMENT__: JSON.stringify(client),
      __KUA_APP_NAME__: JSON.stringify(deployment?.app_name ?? "Kua"),
    },
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    // Workers are the console's: its report opener (src/console/queue/openerWorker.ts) and pdf.js's.
    worker: {
      format: "es",
      rolldownOptions: {
        output: { entryFileNames: "assets/review-[name]-[hash].js", chunkFileNames: "assets/review-[name]-[hash].js" },
      },
    },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      target: "es2022",
      // The polyfill is an inline <script>; modern browsers do not need it.
      modulePreload: { polyfill: false },
      // Never inline assets as data: URLs (CSP img-src/font-src stay 'self').
      assetsInlineLimit: 0,
      sourcemap: false,
      rolldownOptions: {
        input: { ...pages, ...CONSOLE_WORKER },
        output: {
          chunkFileNames: chunkFileName,
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [{ name: "crypto-libraries", test: CRYPTO_LIBRARIES }],
          },
          // A service worker's URL must not change between builds: the console's keeps its name.
          entryFileNames: (chunk) => (chunk.name in CONSOLE_WORKER ? "[name].js" : "assets/[name]-[hash].js"),
        },
      },
    },
    plugins: [
      VitePWA({
        strategies: "injectManifest",
        srcDir: "src/reporter",
        filename: "sw.ts",
        injectRegister: false, // src/reporter/sync registers it, so nothing inline lands in index.html
        // The icons are in the precache already (globPatterns): listed twice, they were listed twice in sw.js.
        includeManifestIcons: false,
        manifest: {
          name: deployment?.app_name ?? "Kua",
          short_name: deployment?.short_name ?? "Kua",
          lang: "ru",
          start_url: "/",
          scope: "/",
          display: "standalone",
          background_color: "#ffffff",
          theme_color: deployment?.theme_color ?? "#ffffff",
          icons: [
            { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
            { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
            { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
          ],
        },
        injectManifest: {
          globPatterns: ["**/*.{js,css,html,svg,png,woff2,webmanifest}"],
          globIgnores: ["**/node_modules/**/*", ...CONSOLE_ONLY],
        },
      }),
      consoleWithoutManifest(),
      catalogNames(),
      precompress(), // last: after the service worker is written
    ],
    test: {
      environment: "node",
      include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
      testTimeout: 60_000,
    },
  };
});
