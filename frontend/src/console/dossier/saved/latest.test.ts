/**
 * A reviewer opening the dossier sees the newest saved version of each draft (by language, addressee
 * and kind of UN communication), and a mark whenever the text shown is not what is saved.
 */
import { describe, expect, it } from "vitest";

import type { DraftDocument, OpenedDraft } from "./format";
import { isUnsaved, latestPerKey, savedUnProcedure, shownText, withSaved, type SavedVersion } from "./latest";

function version(n: number, changes: Partial<DraftDocument> = {}, author = "aigerim"): SavedVersion {
  return {
    meta: {
      draft_id: `d${n}`,
      case_id: "c1",
      version: n,
      author_id: author,
      created_at: "2026-12-07T10:00:00Z",
      size: 9,
    },
    draft: {
      format: "kua.draft",
      version: 1,
      addressee: "prosecutor",
      language: "ru",
      variant: null,
      text: `v${n}`,
      ...changes,
    },
  };
}

const readable = (saved: SavedVersion): OpenedDraft => ({ ...saved, problem: null });

describe("the newest version per draft", () => {
  it("is the highest version of each key, whatever the order they came in", () => {
    const un = { addressee: "un" as const, variant: "allegation_letter" as const };
    const opened = [version(3), version(1), version(2, un), version(5, { language: "en" }), version(4, un)];
    const latest = latestPerKey(opened.map(readable));
    expect([...latest.keys()].sort()).toEqual(["en:prosecutor:", "ru:prosecutor:", "ru:un:allegation_letter"]);
    expect(latest.get("ru:prosecutor:")?.draft.text).toBe("v3");
    expect(latest.get("ru:un:allegation_letter")?.draft.text).toBe("v4");
    expect(latest.get("en:prosecutor:")?.meta.version).toBe(5);
  });

  it("keeps an urgent appeal and an allegation letter apart", () => {
    const latest = latestPerKey(
      [
        version(1, { addressee: "un", variant: "urgent_appeal" }),
        version(2, { addressee: "un", variant: "allegation_letter" }),
      ].map(readable),
    );
    expect(latest.get("ru:un:urgent_appeal")?.meta.version).toBe(1);
    expect(latest.get("ru:un:allegation_letter")?.meta.version).toBe(2);
  });

  it("leaves out versions that did not open, even newer ones", () => {
    const broken: OpenedDraft = { meta: version(9).meta, draft: null, problem: "The saved draft is not JSON." };
    expect(latestPerKey([readable(version(1)), broken]).get("ru:prosecutor:")?.meta.version).toBe(1);
    expect(latestPerKey([broken]).size).toBe(0);
  });

  it("takes a version just saved, but never over a newer one a colleague saved meanwhile", () => {
    const latest = latestPerKey([readable(version(4, {}, "colleague"))]);
    expect(withSaved(latest, version(3)).get("ru:prosecutor:")?.meta.author_id).toBe("colleague");
    expect(withSaved(latest, version(5)).get("ru:prosecutor:")?.meta.version).toBe(5);
    expect(latest.get("ru:prosecutor:")?.meta.version).toBe(4); // unchanged: a new map is returned
  });
});

describe("the text shown and the unsaved mark", () => {
  const generated = "generated";

  it("shows the reviewer's edit, else the newest saved text, else the generated one", () => {
    expect(shownText("my edit", version(2), generated)).toBe("my edit");
    expect(shownText(undefined, version(2), generated)).toBe("v2");
    expect(shownText(undefined, undefined, generated)).toBe(generated);
  });

  it("marks a text that differs from the saved one, or from the generated one when nothing is saved", () => {
    expect(isUnsaved("v2", version(2), generated)).toBe(false);
    expect(isUnsaved("v2 and more", version(2), generated)).toBe(true);
    expect(isUnsaved(generated, version(2), generated)).toBe(true); // restored, not yet saved
    expect(isUnsaved(generated, undefined, generated)).toBe(false);
    expect(isUnsaved("edited", undefined, generated)).toBe(true);
  });
});

describe("the kind of UN communication a colleague opens", () => {
  it("is the kind of the newest saved UN draft in the dossier's language", () => {
    const latest = latestPerKey(
      [
        version(1, { addressee: "un", variant: "allegation_letter" }),
        version(2, { addressee: "un", variant: "urgent_appeal" }),
        version(3, { addressee: "un", variant: "allegation_letter", language: "en" }),
        version(4),
      ].map(readable),
    );
    expect(savedUnProcedure(latest, "ru")).toBe("urgent_appeal");
    expect(savedUnProcedure(latest, "en")).toBe("allegation_letter");
  });

  it("is none when no UN draft is saved in that language (the facts choose)", () => {
    expect(savedUnProcedure(latestPerKey([readable(version(1))]), "ru")).toBeNull();
    expect(savedUnProcedure(new Map(), "en")).toBeNull();
  });
});
