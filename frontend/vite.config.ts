/**
 * Build and test configuration.
 *
 * Every page is listed in `pages`. The reporter app (`index.html`) is what phones load; the
 * reviewer console (`review.html`, to come) must be built as a separate entry and never served to
 * phones. Nothing is inlined into the HTML, so a `script-src 'self'` CSP holds.
 *
 * The deployment file (build/deployment.ts) is required to build: it pins the root keys, the
 * recipient list and the app's neutral name. The service worker (src/sw.ts) precaches the build.
 */
import { fileURLToPath } from "node:url";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";

import { loadDeployment } from "./build/deployment.ts";
import type { DeploymentConfig } from "./src/deployment";

const pages = {
  reporter: fileURLToPath(new URL("./index.html", import.meta.url)),
};

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
    define: { __KUA_DEPLOYMENT__: JSON.stringify(client) },
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
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
        input: pages,
      },
    },
    plugins: [
      VitePWA({
        strategies: "injectManifest",
        srcDir: "src",
        filename: "sw.ts",
        injectRegister: false, // src/sync registers it, so nothing inline lands in index.html
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
        },
      }),
    ],
    test: {
      environment: "node",
      include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
      testTimeout: 60_000,
    },
  };
});
