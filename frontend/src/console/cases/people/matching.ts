/**
 * Proposals that two people of a case's reports are one: their names agree (names.ts) and their birth
 * years do not contradict (birthYears.ts), nor their sex when both reports give it. Only proposals: the
 * reviewer confirms or rejects each, and the people map keeps the decision (peopleMap.ts).
 */
import { birthYearOf, compareBirthYears, type BirthAgreement } from "./birthYears";
import { compareNames, type NameAgreement } from "./names";
import { gatherPeople, refKey, type CaseReport, type PeopleMapDocument, type PersonPair } from "./peopleMap";

/** Two people of different reports who may be one, and why. */
export interface Proposal {
  pair: PersonPair;
  name: NameAgreement;
  birth: BirthAgreement;
}

/**
 * Every proposal between people of different reports not yet gathered, nor said to be different: one per
 * two gathered people (the first of their members' pairs that agrees), in report order.
 */
export function proposeMatches(reports: readonly CaseReport[], map: PeopleMapDocument): Proposal[] {
  const people = gatherPeople(reports, map);
  const groupOf = new Map<string, string>();
  for (const person of people) {
    for (const m of person.members) groupOf.set(refKey({ reportId: m.reportId, personId: m.person.id }), person.key);
  }
  const apart = new Set(
    map.different.flatMap(([a, b]) => {
      const [x, y] = [groupOf.get(refKey(a)), groupOf.get(refKey(b))];
      return x && y ? [`${x}|${y}`, `${y}|${x}`] : [];
    }),
  );
  const everyone = reports.flatMap(({ reportId, report }) =>
    report.people.map((person) => ({ reportId, report, person })),
  );
  const proposals: Proposal[] = [];
  const proposed = new Set<string>();
  everyone.forEach((a, i) => {
    for (const b of everyone.slice(i + 1)) {
      if (a.reportId === b.reportId || a.person.fullName === null || b.person.fullName === null) continue;
      const [refA, refB] = [
        { reportId: a.reportId, personId: a.person.id },
        { reportId: b.reportId, personId: b.person.id },
      ];
      const [groupA, groupB] = [groupOf.get(refKey(refA))!, groupOf.get(refKey(refB))!];
      const groups = `${groupA}|${groupB}`;
      if (groupA === groupB || apart.has(groups) || proposed.has(groups)) continue;
      if (a.person.sex !== null && b.person.sex !== null && a.person.sex !== b.person.sex) continue;
      const name = compareNames(a.person.fullName, b.person.fullName);
      if (name === null) continue;
      const birth = compareBirthYears(birthYearOf(a.person, a.report), birthYearOf(b.person, b.report));
      if (birth === null) continue;
      proposals.push({ pair: [refA, refB], name, birth });
      proposed.add(groups).add(`${groupB}|${groupA}`);
    }
  });
  return proposals;
}
