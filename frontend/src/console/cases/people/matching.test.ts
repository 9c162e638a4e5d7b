import { describe, expect, it } from "vitest";

import { compareBirthYears, birthYearOf } from "./birthYears";
import { proposeMatches } from "./matching";
import { compareNames, skeleton } from "./names";
import { decide, EMPTY_PEOPLE_MAP, gatherPeople } from "./peopleMap";
import { aCaseReport, aPerson } from "./testing/reports";

describe("names of one person, however the families wrote them", () => {
  it.each([
    ["Масанов Айдир", "Масанов Айдир", "same"],
    ["масанов айдир", "МАСАНОВ АЙДИР", "same"],
    ["Масанов Айдир", "Aydir Masanov", "reordered"],
    ["Масанов Айдир", "Masanov Aidyr", "same"],
    ["Масанов Айдыр", "Aıdyr Masanov", "reordered"], // Kazakh Cyrillic and Kazakh Latin
    ["Масанов Айдир Хусанович", "Айдир Масанов", "shorter"],
    ["Масанов А.", "Айдир Масанов", "initials"],
    ["Масанов А. Х.", "Масанов Айдир Хусанович", "initials"],
    ["Хузова Цундер", "Tsunder Khuzova", "reordered"],
    ["Сейшанло Двумар", "Dvumar Seishanlo", "reordered"],
    ["Дархан Абдукерим", "Abdukerim Darkhan", "reordered"],
    ["Фёдоров Пётр", "Федоров Петр", "same"],
    ["Қожахметов Нұрлан", "Кожахметов Нурлан", "same"], // Kazakh letters and their Russian spelling
    ["Ғалымжан Әлиев", "Галымжан Алиев", "same"],
    ["Ержан Сейтқали", "Yerzhan Seitkali", "same"],
    ["Евгений Ильясов", "Evgeny Ilyasov", "same"],
  ])("%s and %s are one name (%s)", (a, b, how) => {
    expect(compareNames(a, b)).toBe(how);
    expect(compareNames(b, a)).not.toBeNull();
  });

  it.each([
    ["Масанов Айдир", "Масанов Хусен"], // same surname, another first name
    ["Масанов А.", "Масанов Хусен"], // the initial is another first name's
    ["Масанов Айдир", "Масанова Айдир"], // a man and a woman of one family
    ["Масанов", "Масанов Айдир"], // a surname alone says too little
    ["А. М.", "Айдир Масанов"], // initials alone too
    ["Масанов Айдир Хусанович", "Масанов Айдир Юсупович"], // two fathers
    ["Айдир Масанов", "Айдар Масанов"],
  ])("%s and %s are not one name", (a, b) => {
    expect(compareNames(a, b)).toBeNull();
    expect(compareNames(b, a)).toBeNull();
  });

  it("reduces Russian, Kazakh and Latin spellings to one skeleton", () => {
    expect(new Set(["Айдир", "Айдыр", "Aydir", "Aidyr", "Aıdyr", "AIDIR"].map(skeleton))).toEqual(new Set(["aidir"]));
    expect(skeleton("Хузова")).toBe(skeleton("Khuzova"));
  });
});

describe("birth years across reports", () => {
  const report = aCaseReport("r", [], "2020-04-28").report;
  const born = (birthDate: string) => birthYearOf(aPerson("p", { birthDate }), report);
  const aged = (age: number) => birthYearOf(aPerson("p", { age }), report);

  it("agree when equal, or when one is unknown", () => {
    expect(compareBirthYears(born("1942"), born("1942-03-05"))).toEqual({ kind: "same", year: 1942 });
    expect(compareBirthYears(born("1942"), null)).toEqual({ kind: "unknown" });
    expect(compareBirthYears(born("1942"), birthYearOf(aPerson("p", { age: "elderly" }), report))).toEqual({
      kind: "unknown",
    });
  });

  it("take an age at the report's date as agreeing within a year", () => {
    expect(compareBirthYears(born("1942"), aged(78))).toEqual({ kind: "age", year: 1942, age: 78 });
    expect(compareBirthYears(aged(77), born("1942"))).toEqual({ kind: "age", year: 1942, age: 77 });
    expect(compareBirthYears(born("1942"), aged(79))).toEqual({ kind: "age", year: 1942, age: 79 });
    expect(compareBirthYears(born("1942"), aged(80))).toBeNull();
    expect(compareBirthYears(aged(33), aged(34))).toEqual({ kind: "ages", year: 1986 });
  });

  it("contradict when the years or the full dates differ", () => {
    expect(compareBirthYears(born("1986"), born("1987"))).toBeNull();
    expect(compareBirthYears(born("1942-03-05"), born("1942-05-03"))).toBeNull();
  });

  it("read an age from the report's writing when the events have no date", () => {
    const undated = aCaseReport("r", [], null).report;
    expect(birthYearOf(aPerson("p", { age: 34 }), undated)).toEqual({ from: "age", year: 1986, age: 34 });
  });
});

describe("proposals across a case's reports", () => {
  const mother = aCaseReport("report-mother", [
    aPerson("son", { fullName: "Масанов Айдир", birthDate: "1986", sex: "male", roles: ["victim"] }),
    aPerson("brother", { fullName: "Масанов Хусен", birthDate: "1984", sex: "male", roles: ["witness"] }),
  ]);
  const sister = aCaseReport("report-sister", [
    aPerson("a", { fullName: "Aydir Masanov", age: 34, roles: ["victim"] }),
    aPerson("h", { fullName: "Масанов Хусен", birthDate: "1979", roles: ["witness"] }),
    aPerson("w", { fullName: "Масанова Айша", birthDate: "1990", sex: "female" }),
  ]);
  const monitor = aCaseReport("report-monitor", [
    aPerson("m", { fullName: "Масанов А.", sex: "male" }),
    aPerson("f", { fullName: "Масанова Айдир", sex: "female" }),
  ]);
  const reports = [mother, sister, monitor];

  it("proposes the same man, saying why, and not his brother of another birth year", () => {
    const proposals = proposeMatches(reports, EMPTY_PEOPLE_MAP);
    const pairs = proposals.map((p) => p.pair.map((r) => `${r.reportId}/${r.personId}`).join(" = "));
    expect(pairs).toEqual([
      "report-mother/son = report-sister/a",
      "report-mother/son = report-monitor/m",
      "report-sister/a = report-monitor/m",
    ]);
    expect(proposals[0]).toMatchObject({ name: "reordered", birth: { kind: "age", year: 1986, age: 34 } });
    expect(proposals[1]).toMatchObject({ name: "initials", birth: { kind: "unknown" } });
  });

  it("proposes nothing more once the reviewer confirmed or rejected", () => {
    const sure = decide(
      EMPTY_PEOPLE_MAP,
      [
        { reportId: "report-mother", personId: "son" },
        { reportId: "report-sister", personId: "a" },
      ],
      "same",
    );
    const proposals = proposeMatches(reports, sure);
    expect(proposals.map((p) => p.pair.map((r) => r.personId))).toEqual([["son", "m"]]);
    const rejected = decide(
      sure,
      [
        { reportId: "report-mother", personId: "son" },
        { reportId: "report-monitor", personId: "m" },
      ],
      "different",
    );
    // The monitor's "Масанов А." is not the man both families named: not proposed with either entry
    expect(proposeMatches(reports, rejected)).toEqual([]);
    const gathered = gatherPeople(reports, rejected);
    const aydir = gathered.find((p) => p.members.some((m) => m.person.id === "son"))!;
    expect(aydir.members.map((m) => `${m.reportId}/${m.person.id}`)).toEqual(["report-mother/son", "report-sister/a"]);
    expect(gathered).toHaveLength(6);
  });

  it("lets a reviewer change their mind about a pair", () => {
    const pair: [{ reportId: string; personId: string }, { reportId: string; personId: string }] = [
      { reportId: "report-mother", personId: "son" },
      { reportId: "report-sister", personId: "a" },
    ];
    const undone = decide(decide(EMPTY_PEOPLE_MAP, pair, "same"), [pair[1], pair[0]], "different");
    expect(undone.same).toEqual([]);
    expect(undone.different).toHaveLength(1);
  });
});
