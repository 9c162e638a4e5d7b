/** The language list names every language in its own name from the first screen, before any catalog loads. */
import { describe, expect, it } from "vitest";

import { availableLanguages, language, loadLanguage } from ".";

type Meta = { _meta: { name: string } };
// Read here with Vite's own JSON loading; the app gets the names alone (build/catalogNames.ts).
const catalogs = import.meta.glob<Meta>("../../shared/i18n/locales/*.json", { import: "default", eager: true });
const ownNames = Object.fromEntries(
  Object.entries(catalogs).map(([path, catalog]) => [path.replace(/^.*\/|\.json$/g, ""), catalog._meta.name]),
);

describe("availableLanguages", () => {
  it("gives every catalog's own name without loading it, Russian first then by tag", () => {
    expect(language().tag).toBe("ru"); // nothing but the default catalog loaded yet
    const tags = Object.keys(ownNames)
      .filter((tag) => tag !== "ru")
      .sort();
    expect(availableLanguages()).toEqual(["ru", ...tags].map((tag) => ({ tag, name: ownNames[tag] })));
  });

  it("stays the same list whichever language is chosen", async () => {
    const before = availableLanguages();
    await loadLanguage("kk");
    expect(availableLanguages()).toEqual(before);
    await loadLanguage("ru");
  });
});
