/**
 * The drafts' small words: people's names and grammar (Russian participles agree with the sex and
 * number of the people an act was done to: "задержан", "задержана", "задержаны", and "задержан(а)"
 * when the sex is not known), reporters' own words quoted as given in Russian and transliterated in
 * English (translit.ts), and the list joins. Catalog namespace "appeal" (i18n/locales/appeal).
 */
import type { When } from "../../../shared/report/v2";
import type { DocumentLanguage } from "../language";
import { latin } from "../translit";
import type { EvidencePerson } from "./evidence";

/** The grammatical form for a group: one man, one woman, several, or one whose sex is not known. */
export type Form = "m" | "f" | "pl" | "x";

export function formOf(people: readonly EvidencePerson[]): Form {
  if (people.length !== 1) return people.length === 0 ? "x" : "pl";
  const sex = people[0]!.person.sex;
  return sex === "male" ? "m" : sex === "female" ? "f" : "x";
}

/** `appeal.<key>.<form>`: "был задержан" / "была задержана"… */
export const agree = (L: DocumentLanguage, key: string, people: readonly EvidencePerson[]): string =>
  L.t(`appeal.${key}.${formOf(people)}`);

/** A reporter's free text as given ("«палки»"), transliterated into Latin letters in English; null when empty. */
export function words(L: DocumentLanguage, text: string | null | undefined): string | null {
  // A closing full stop goes after the quotation marks, where the sentence around it puts one.
  const trimmed = text?.trim().replace(/(?<!\.)\.$/, "");
  if (!trimmed) return null;
  return L.t("dossier.doc.quote", { text: L.tag === "en" ? latin(trimmed) : trimmed });
}

/** A name as given, transliterated in English. */
export const nameText = (L: DocumentLanguage, name: string): string => (L.tag === "en" ? latin(name) : name);

/** The person's name, or "лицо 1 из сообщения 2 (имя не указано / не раскрывается)". */
export function personName(L: DocumentLanguage, p: EvidencePerson): string {
  const name = p.person.fullName?.trim();
  if (name && !p.nameWithheld) return nameText(L, name);
  const key = p.nameWithheld ? "dossier.doc.withheld" : "dossier.doc.unnamed";
  return L.t(key, { n: p.number, report: p.reportNumber });
}

/** Names joined: "А, Б и В". */
export function joinAnd(L: DocumentLanguage, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${L.t("appeal.and")} ${items.at(-1)!}`;
}

/** Known parts joined with "; ", or null. */
export function known(parts: readonly (string | null | false | undefined)[], separator = "; "): string | null {
  const kept = parts.filter((part): part is string => typeof part === "string" && part !== "");
  return kept.length > 0 ? kept.join(separator) : null;
}

/** A When, or null when not known. */
export const whenText = (L: DocumentLanguage, when: When | null | undefined): string | null => L.when(when);

/** First letter up: a sentence built from lower-case parts. */
export const upper = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);
