/** A catalog translators have only begun (Dungan) shows what it has, and Russian for every other key. */
import { afterEach, describe, expect, it } from "vitest";

import { loadLanguage, t, tp, setCatalog, type LocaleMeta } from ".";

type Catalog = Parameters<typeof setCatalog>[1];
const ruCatalog = Object.values(
  import.meta.glob<Catalog>("../../shared/i18n/locales/ru.json", { import: "default", eager: true }),
)[0]!;

/** Russian's _meta under another tag, marked partial, with a few messages of its own. */
function partialCatalog(messages: Record<string, unknown>): Catalog {
  const meta: LocaleMeta = { ...ruCatalog._meta, tag: "dng", name: "Хуэйзў йүян", partial: true };
  return { _meta: meta, ...messages };
}

describe("a partial catalog", () => {
  afterEach(async () => {
    await loadLanguage("ru");
  });

  it("shows its own messages and Russian for each key it lacks, never the key itself", () => {
    setCatalog("dng", partialCatalog({ home: { newReport: "Сын хуабо" } }));
    expect(t("home.newReport")).toBe("Сын хуабо");
    for (const key of ["settings.title", "wizard.next", "lock.title"]) {
      expect(t(key)).not.toBe(key);
      expect(t(key)).toBe(lookupRu(key));
    }
  });

  it("falls back to Russian plural forms, with the number filled in", () => {
    setCatalog("dng", partialCatalog({}));
    const ru = lookupRu("home.draftsCount") as Record<string, string>;
    expect(tp("home.draftsCount", 3)).toBe(ru["few"]!.replace("{{n}}", "3"));
    expect(tp("home.draftsCount", 21)).toBe(ru["one"]!.replace("{{n}}", "21"));
  });
});

function lookupRu(key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], ruCatalog);
}
