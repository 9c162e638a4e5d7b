/**
 * A case's people map: the reviewers' decisions on who is whom across the case's reports ("this person
 * of report A is that person of report B", or "not the same"). It is a JSON document sealed to the
 * recipient list like notes (docs/review.md); the server keeps it as an age file, versioned.
 */
import type { Person, ReportV2 } from "../../../shared/report/v2";

/** One person of one report. */
export interface PersonRef {
  reportId: string;
  personId: string;
}

export type PersonPair = [PersonRef, PersonRef];

/** The decrypted document, format version 1. */
export interface PeopleMapDocument {
  format: "kua.people-map";
  version: 1;
  /** Pairs the reviewer confirmed are one person. */
  same: PersonPair[];
  /** Pairs the reviewer said are not the same (never proposed again). */
  different: PersonPair[];
}

/** A report of the case, opened in this browser. */
export interface CaseReport {
  reportId: string;
  report: ReportV2;
}

/** One person gathered across the case's reports: each report's entry for them. */
export interface CasePerson {
  /** Stable while the decisions that gathered them stand: the first member's ref. */
  key: string;
  members: { reportId: string; person: Person; report: ReportV2 }[];
}

/** A map without decisions. */
export const EMPTY_PEOPLE_MAP: PeopleMapDocument = { format: "kua.people-map", version: 1, same: [], different: [] };

/** "report:person", the key of a ref. */
export const refKey = (ref: PersonRef): string => `${ref.reportId}:${ref.personId}`;

const isRef = (value: unknown): value is PersonRef =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as PersonRef).reportId === "string" &&
  typeof (value as PersonRef).personId === "string";

const pairs = (value: unknown): PersonPair[] =>
  Array.isArray(value)
    ? value
        .filter(
          (pair): pair is unknown[] => Array.isArray(pair) && pair.length === 2 && isRef(pair[0]) && isRef(pair[1]),
        )
        .map(([a, b]) => [
          { reportId: (a as PersonRef).reportId, personId: (a as PersonRef).personId },
          { reportId: (b as PersonRef).reportId, personId: (b as PersonRef).personId },
        ])
    : [];

/** Reads a decrypted map, keeping only well-formed pairs (a colleague's browser wrote it; it is still checked). */
export function readPeopleMap(text: string): PeopleMapDocument {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || (parsed as { format?: unknown }).format !== "kua.people-map") {
    throw new Error("Not a kua.people-map document.");
  }
  const document = parsed as { same?: unknown; different?: unknown };
  return { ...EMPTY_PEOPLE_MAP, same: pairs(document.same), different: pairs(document.different) };
}

const samePair = (x: PersonPair, y: PersonPair): boolean =>
  (refKey(x[0]) === refKey(y[0]) && refKey(x[1]) === refKey(y[1])) ||
  (refKey(x[0]) === refKey(y[1]) && refKey(x[1]) === refKey(y[0]));

/** The map with the reviewer's decision on a pair (replacing an earlier decision on the same pair). */
export function decide(map: PeopleMapDocument, pair: PersonPair, decision: "same" | "different"): PeopleMapDocument {
  const same = map.same.filter((p) => !samePair(p, pair));
  const different = map.different.filter((p) => !samePair(p, pair));
  return decision === "same"
    ? { ...map, same: [...same, pair], different }
    : { ...map, same, different: [...different, pair] };
}

/** Every person of the case's reports, those confirmed the same gathered together (in report order). */
export function gatherPeople(reports: readonly CaseReport[], map: PeopleMapDocument): CasePerson[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const members = new Map<string, CasePerson["members"][number]>();
  for (const { reportId, report } of reports) {
    for (const person of report.people) {
      const key = refKey({ reportId, personId: person.id });
      parent.set(key, key);
      members.set(key, { reportId, person, report });
    }
  }
  for (const [a, b] of map.same) {
    const [x, y] = [refKey(a), refKey(b)];
    if (!parent.has(x) || !parent.has(y)) continue; // a report that left the case
    const [rootX, rootY] = [find(x), find(y)];
    if (rootX !== rootY) parent.set(rootY, rootX);
  }
  const groups = new Map<string, CasePerson>();
  for (const [key, member] of members) {
    const root = find(key);
    const group = groups.get(root) ?? { key, members: [] };
    group.members.push(member);
    groups.set(root, group);
  }
  return [...groups.values()];
}

/** The gathered person a ref belongs to. */
export function personOf(people: readonly CasePerson[], ref: PersonRef): CasePerson | undefined {
  const key = refKey(ref);
  return people.find((p) => p.members.some((m) => refKey({ reportId: m.reportId, personId: m.person.id }) === key));
}
