/**
 * Build and test configuration.
 *
 * Every page is listed in `pages`. The reporter app (`index.html`) is what phones load; the
 * reviewer console (`review.html`, to come) must be built as a separate entry and never served to
 * phones. Nothing is inlined into the HTML, so a `script-src 'self'` CSP holds.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const pages = {
  reporter: fileURLToPath(new URL("./index.html", import.meta.url)),
};

export default defineConfig({
  base: "/",
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
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
