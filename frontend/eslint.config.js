// @ts-check
/**
 * The frontend's linter (`npm run lint`, `make lint`): ESLint's and typescript-eslint's recommended
 * rules with type information, the rules of hooks, and the three rooms of src/ (docs/architecture.md,
 * "Frontend layout"): the reporter app and the console never import each other, only src/shared, and
 * src/shared imports neither. Prettier formats (.prettierrc.json); eslint-config-prettier turns off
 * the rules that would argue with it.
 */
import js from "@eslint/js";
import prettier from "eslint-config-prettier/flat";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The rules that keep `room` (src/<room>) out of the `forbidden` rooms. Every import in src/ is
 * relative, so one into another room names that room's folder after its `../`s. Static imports and
 * `export ... from` are no-restricted-imports' (which skips `import()`); dynamic imports,
 * `import.meta.glob` patterns and `new URL(..., import.meta.url)` (workers) are matched as syntax.
 * @param {string} room
 * @param {string[]} forbidden
 * @param {string} message
 */
function room(room, forbidden, message) {
  const names = forbidden.join("|");
  const path = `^(\\.{1,2}/)+(.+/)?(${names})(/|$)`;
  // esquery's regex literals cannot hold a "/", so the selectors spell it \x2F.
  const literal = `Literal[value=/${path.replaceAll("/", "\\x2F")}/]`;
  return {
    name: `kua/rooms/${room}`,
    files: [`src/${room}/**/*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: path, message }] }],
      "no-restricted-syntax": [
        "error",
        { selector: `ImportExpression > ${literal}`, message },
        {
          selector: `CallExpression[callee.object.type="MetaProperty"][callee.property.name="glob"] ${literal}`,
          message,
        },
        { selector: `NewExpression[callee.name="URL"] > ${literal}`, message },
      ],
    },
  };
}

export default defineConfig([
  globalIgnores(["dist/", "dev-dist/", "node_modules/", "src/shared/report/*.gen.*"]),
  js.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    plugins: { "react-hooks": reactHooks },
    languageOptions: {
      // tsconfig.test.json holds everything: the app, its tests, vite.config.ts and build/.
      parserOptions: { project: "./tsconfig.test.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      // Leaving out what a destructuring drops ({ draftId: _, ...answers }) is how a copy omits fields.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // Wrong here: `async` without `await` is how fakes and adapters meet a Promise-returning interface.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: globals.node },
  },
  room("reporter", ["console"], "The reporter app never imports the console: what both need belongs in src/shared."),
  room("console", ["reporter"], "The console never imports the reporter app: what both need belongs in src/shared."),
  room("shared", ["reporter", "console"], "src/shared imports neither the reporter app nor the console."),
  prettier,
]);
