/**
 * The legal basis file (norms.json, docs/legal-basis.md) keeps its shape: every norm says where it
 * was read and when, a lawyer must verify each one, and a norm whose article was not read carries
 * no article number and a visible placeholder for the lawyer instead of an invented citation.
 */
import { describe, expect, it } from "vitest";

import norms from "./norms.json";

const INSTRUMENTS = ["УПК РК", "УК РК", "CAT", "НП ВС РК №7", "OHCHR"];
const FIELDS = [
  "id",
  "instrument",
  "article",
  "part",
  "citation_ru",
  "citation_en",
  "text_ru",
  "text_en",
  "source",
  "checked_on",
  "certain",
  "lawyer_must_verify",
];
const nullableString = (value: unknown): boolean => value === null || typeof value === "string";

describe("the legal basis file", () => {
  it("lists norms", () => {
    expect(Array.isArray(norms)).toBe(true);
    expect(norms.length).toBeGreaterThan(0);
  });

  it("gives every norm every field, of the right kind", () => {
    for (const norm of norms) {
      expect(Object.keys(norm).sort(), norm.id).toEqual([...FIELDS].sort());
      expect(norm.id, norm.id).toMatch(/^[a-z0-9]+(\.[a-z0-9_]+)+$/);
      expect(INSTRUMENTS, norm.id).toContain(norm.instrument);
      expect(nullableString(norm.article), norm.id).toBe(true);
      expect(nullableString(norm.part), norm.id).toBe(true);
      expect(nullableString(norm.text_ru), norm.id).toBe(true);
      expect(nullableString(norm.text_en), norm.id).toBe(true);
      for (const text of [norm.citation_ru, norm.citation_en, norm.source]) {
        expect(typeof text === "string" && text.trim() !== "", norm.id).toBe(true);
      }
      expect(typeof norm.certain, norm.id).toBe("boolean");
    }
  });

  it("keeps ids unique", () => {
    const ids = norms.map((norm) => norm.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("dates every check as a real day", () => {
    for (const norm of norms) {
      expect(norm.checked_on, norm.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${norm.checked_on}T00:00:00Z`).toISOString().slice(0, 10), norm.id).toBe(norm.checked_on);
    }
  });

  it("asks a lawyer to verify every norm", () => {
    for (const norm of norms) expect(norm.lawyer_must_verify, norm.id).toBe(true);
  });

  it("gives an uncertain norm no article and a visible placeholder, never an invented number", () => {
    const uncertain = norms.filter((norm) => !norm.certain);
    expect(uncertain.length).toBeGreaterThan(0);
    for (const norm of uncertain) {
      expect(norm.article, norm.id).toBeNull();
      expect(norm.citation_ru, norm.id).toMatch(/\[[^\]]+\]/);
      expect(norm.text_ru, norm.id).toBeNull();
      expect(norm.text_en, norm.id).toBeNull();
    }
  });

  it("quotes what was read for a certain norm, and no placeholder in its citation", () => {
    for (const norm of norms.filter((n) => n.certain)) {
      expect(norm.text_ru !== null || norm.text_en !== null, norm.id).toBe(true);
      expect(norm.citation_ru, norm.id).not.toMatch(/\[/);
    }
  });
});
