/**
 * Who an act, injury or medical entry is tied to, and how people, groups and acts are named on
 * screen. Pure: the steps render what these return (issue 17: every fact belongs to a person).
 */
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import type { Act, PerpetratorGroup, Person } from "../../shared/report/v2";

/** A translator (the app's `t`), passed in so this module stays free of the i18n runtime. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The people a new item is tied to: with exactly one person in the draft, that person (the reporter
 * sees the link and can remove it); otherwise nobody, since guessing among several would be wrong.
 */
export function defaultPersonIds(people: readonly Pick<Person, "id">[]): string[] {
  return people.length === 1 ? [people[0]!.id] : [];
}

/** A person's name on screen: the full name given, or "Person N" by their place in the list. */
export function personLabel(people: readonly Pick<Person, "id" | "fullName">[], id: string, t: Translate): string {
  const index = people.findIndex((person) => person.id === id);
  if (index < 0) return t("actsV2.unknownPerson");
  const name = people[index]!.fullName?.trim();
  return name ? name : t("actsV2.personN", { n: index + 1 });
}

/** A perpetrator group on screen: its agency and unit when given, else "Group N". */
export function groupLabel(groups: readonly PerpetratorGroup[], id: string, t: Translate): string {
  const index = groups.findIndex((group) => group.id === id);
  if (index < 0) return t("actsV2.unknownGroup");
  const group = groups[index]!;
  const words = [group.agency, group.unit].map((w) => w?.trim()).filter((w): w is string => !!w);
  const n = t("actsV2.groupN", { n: index + 1 });
  return words.length > 0 ? `${n}: ${words.join(", ")}` : n;
}

/** The acts of one type, in the order they were added (each step lists one type). */
export function actsOfType<T extends Act["type"]>(acts: readonly Act[], type: T): Extract<Act, { type: T }>[] {
  return acts.filter((act): act is Extract<Act, { type: T }> => act.type === type);
}

/** An act on screen, as "Interrogation 2" (numbered within its type), with the names of whom it was done to. */
export function actLabel(draft: Pick<ReportDraftV2, "acts" | "people">, act: Act, t: Translate): string {
  const n = actsOfType(draft.acts, act.type).findIndex((a) => a.id === act.id) + 1;
  const title = t(`actsV2.types.${act.type}`, { n });
  const whom = act.personIds.map((id) => personLabel(draft.people, id, t));
  return whom.length > 0 ? `${title} (${whom.join(", ")})` : title;
}

/** The draft with one act replaced by its changed form; an act not yet in the draft is added. */
export function putAct(draft: ReportDraftV2, act: Act, change: (act: Act) => Act): ReportDraftV2 {
  const exists = draft.acts.some((a) => a.id === act.id);
  return {
    ...draft,
    acts: exists ? draft.acts.map((a) => (a.id === act.id ? change(a) : a)) : [...draft.acts, change(act)],
  };
}

/** Adds or removes one id of a list (people of an act, groups, methods) keeping the list's order. */
export function toggleId<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}

/** The acts an injury of this person could come from: theirs first, then acts tied to nobody. */
export function actsForInjury(acts: readonly Act[], personId: string | null): Act[] {
  if (personId === null) return [...acts];
  const theirs = acts.filter((act) => act.personIds.includes(personId));
  const nobody = acts.filter((act) => act.personIds.length === 0);
  return [...theirs, ...nobody];
}
