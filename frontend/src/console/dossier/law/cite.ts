/**
 * Citing the legal basis (norms.json, docs/legal-basis.md) in a draft: the norm's citation in the
 * draft's language, exactly as the file gives it. A norm whose article was not read carries a
 * bracketed placeholder instead of an article number, and the draft prints that placeholder so the
 * lawyer sees what to fill in; nothing here composes an article number.
 */
import type { DossierTag } from "../language";
import norms from "./norms.json";

export type NormId = (typeof norms)[number]["id"];

const byId = new Map(norms.map((norm) => [norm.id, norm]));

/** The citation of a norm in `tag` ("часть 2 статьи 146 Уголовного кодекса…", or its "[… уточнить]" placeholder). */
export function cite(tag: DossierTag, id: NormId): string {
  const norm = byId.get(id);
  if (!norm) throw new Error(`No norm ${id} in norms.json.`);
  return tag === "ru" ? norm.citation_ru : norm.citation_en;
}

/** Whether the file marks the norm's article as read (a citation without a placeholder). */
export const certain = (id: NormId): boolean => byId.get(id)?.certain === true;
