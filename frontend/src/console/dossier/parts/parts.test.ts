/**
 * The printed dossier's parts read the case's evidence: every person, every act (two detentions
 * print as two), the names of the people each act was done to, each safeguard answered "no" marked
 * as a violation, the documents and recordings with their hashes, and the families' answers.
 */
import { describe, expect, it } from "vitest";

import { blank } from "../../../shared/report/blank";
import type { ReportV2 } from "../../../shared/report/v2";
import { SAFEGUARD_FIELDS } from "../../detail/safeguards";
import { evidenceOf } from "../appeal/evidence";
import { DOSSIER_LANGUAGES, documentLanguage } from "../language";
import { ANSWERS, answeredReport, womanDetained } from "../testing/goldenCases";
import { caseOf, withMaterials } from "../testing/materials";
import { actBlocks } from "./acts";
import { perpetratorsTable, personsTable } from "./persons";
import { answersTable, complaintsTable, documentsTable, medicalBlocks, voiceTable } from "./records";

const ru = documentLanguage("ru");
const en = documentLanguage("en");

/** The seed letter's Aydir, detained a second time on 2 May, by the same group, and his father threatened. */
function twoDetentions(): ReportV2 {
  const report = answeredReport();
  return {
    ...report,
    acts: [
      ...report.acts,
      {
        ...blank.act("detention", "taken-again", ["aydir"]),
        perpetratorIds: ["rovd"],
        when: { precision: "exact", value: "2020-05-02T21:00" },
        capacity: "for_a_chat",
        warrant: "no",
        lawyerAllowed: "yes",
        familyNotified: "no",
      },
    ],
  };
}

const facts = (rows: { label: string; value: string | null; violation?: string }[]): Record<string, string | null> =>
  Object.fromEntries(rows.map((row) => [row.label, row.value]));

describe("the dossier's acts", () => {
  it("prints a report's two detentions as two blocks, each naming the person taken", () => {
    const blocks = actBlocks(ru, evidenceOf(caseOf(twoDetentions())), "detention");
    expect(blocks.map((b) => b.actId)).toEqual(["taken", "taken-again"]);
    for (const block of blocks) expect(facts(block.rows)["В отношении кого"]).toBe("Масанов Айдыр");
    expect(facts(blocks[1]!.rows)["Задержание"]).toBe("2 мая 2020, 21:00");
    expect(facts(blocks[1]!.rows)["Кем (как описаны)"]).toMatch(/^«/);
  });

  it("marks each 'no' as a violation, a person held 'for a chat' too, but never a detention's warrant", () => {
    const [first, second] = actBlocks(ru, evidenceOf(caseOf(twoDetentions())), "detention");
    const violations = (rows: { violation?: string }[]) => rows.flatMap((r) => (r.violation ? [r.violation] : []));
    expect(violations(first!.rows)).toEqual([
      "detention.policeIdShown",
      "detention.familyNotified",
      "detention.chargesTold",
      "detention.lawyerAllowed",
    ]);
    expect(violations(second!.rows)).toEqual(["detention.capacity", "detention.familyNotified"]);
    expect(second!.rows.some((r) => r.label.toLowerCase().includes("постановлен"))).toBe(false);
    // "Don't know" is the reporter's answer, said as such; unanswered is "not known", never a violation
    expect(facts(first!.rows)["Составлен протокол задержания"]).toBe("заявитель не знает");
    expect(facts(second!.rows)["Составлен протокол задержания"]).toBeNull();
  });

  it("names the father in the harm done to him, and leaves out a harm the phone sent empty", () => {
    const report = answeredReport();
    const empty = blank.act("harm_to_relative", "empty");
    const blocks = actBlocks(ru, evidenceOf(caseOf({ ...report, acts: [...report.acts, empty] })), "harm_to_relative");
    expect(blocks).toHaveLength(1);
    expect(facts(blocks[0]!.rows)).toMatchObject({ "В отношении кого": "Масанов Хусей", "Что произошло": "угрозы" });
  });

  it("prints every act of a v1 report, the report's place where the act has none", () => {
    const input = caseOf(womanDetained());
    const ev = evidenceOf({ ...input, opened: input.opened.map((s) => ({ ...s, full: null })) });
    const [detention] = actBlocks(en, ev, "detention");
    expect(facts(detention!.rows)["Place"]).toBe("Bular Batyr village, at the home");
  });
});

describe("the dossier's persons", () => {
  it("lists every person harmed with what is known, and no column nobody answered", () => {
    const table = personsTable(ru, evidenceOf(caseOf(answeredReport())));
    expect(table.columns).toEqual([
      "Имя",
      "Год рождения или возраст",
      "Пол",
      "Национальность",
      "Кем приходится заявителю",
      "Где сейчас",
      "Источник",
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ["Масанов Айдыр", "1986 г. р.", "мужчина", "дунганин", "«брат»", "на свободе", "Сообщение № 1"],
      ["Масанов Хусей", "возраст: 78", "мужчина", null, "«отец»", null, "Сообщение № 1"],
    ]);
  });

  it("lists each perpetrator group of each report", () => {
    const table = perpetratorsTable(ru, evidenceOf(caseOf(womanDetained())));
    expect(table.rows.map((r) => r.cells.slice(0, 4))).toEqual([["«полиция»", null, "2", "в гражданской одежде"]]);
  });
});

describe("the dossier's records", () => {
  it("lists both answers of the family with the dates asked and answered", () => {
    const table = answersTable(ru, evidenceOf(caseOf(answeredReport(), ANSWERS)));
    expect(table.columns[0]).toBe("Вопрос задан");
    expect(table.rows.map((r) => [r.cells[1], r.cells[3]])).toEqual([
      [`«${ANSWERS[0]!.question!.text}»`, `«${ANSWERS[0]!.answer.text}»`],
      [`«${ANSWERS[1]!.question!.text}»`, `«${ANSWERS[1]!.answer.text}»`],
    ]);
    expect(table.rows[0]!.cells[0]).toBe("11 мая 2020, 08:00 UTC");
    expect(table.rows[0]!.cells[2]).toBe("12 мая 2020, 04:30 UTC");
  });

  it("gives each person's medical care under their name, and the complaints made", () => {
    const ev = evidenceOf(caseOf(answeredReport()));
    expect(medicalBlocks(ru, ev).map((b) => b.heading)).toEqual(["Масанов Айдыр"]);
    expect(complaintsTable(ru, ev).rows.map((r) => r.cells.slice(0, 2))).toEqual([
      ["Масанов Айдыр", "«прокуратура Жамбылской области»"],
    ]);
  });

  it("lists documents and recordings of the report and of an answer, with their SHA-256s", () => {
    const { input, pdf, voice } = withMaterials();
    const ev = evidenceOf(input);
    const documents = documentsTable(ru, ev);
    expect(documents.rows.map((r) => r.cells)).toEqual([
      [
        "протокол задержания",
        "«Протокол от 28 апреля»",
        "2",
        "Нет",
        `${"1".repeat(64)} ${"2".repeat(64)}`,
        "Сообщение № 1",
      ],
      ["справка о побоях", null, "0", "«spravka.pdf»", pdf.sha256, "Ответ семьи к сообщению № 1"],
    ]);
    expect(documents.code).toEqual([4]);
    expect(voiceTable(ru, ev).rows.map((r) => r.cells)).toEqual([
      [
        "28 апреля 2020, 17:30 UTC",
        "2:14",
        "«Его забрали в шесть утра, в РОВД надели пакет на голову.»",
        "c".repeat(64),
        "Сообщение № 1",
      ],
      ["12 мая 2020, 03:00 UTC", "3:07", null, voice.sha256, "Ответ семьи к сообщению № 1"],
    ]);
  });
});

describe("the parts' words", () => {
  it("has every safeguard's question and every choice the parts print, in Russian and English", () => {
    const keys = [
      ...Object.entries(SAFEGUARD_FIELDS).flatMap(([type, fields]) =>
        fields.map((field) => `dossier.safeguards.${type}.${field}`),
      ),
      ...["for_a_chat", "witness", "suspect", "other"].map((c) => `dossier.capacity.${c}`),
      ...["detained", "released", "whereabouts_unknown", "never_detained"].map((c) => `dossier.custody.${c}`),
      ...["district_police", "temporary_detention", "car", "elsewhere"].map((t) => `dossier.takenToType.${t}`),
      ...["saw_myself", "victim_told_me", "heard_from_others"].map((s) => `dossier.source.${s}`),
      ...["detention", "search", "interrogation", "ill_treatment", "harm_to_relative"].map(
        (t) => `dossier.acts.when.${t}`,
      ),
    ];
    for (const tag of DOSSIER_LANGUAGES) {
      const L = documentLanguage(tag);
      expect(keys.filter((key) => L.t(key) === key)).toEqual([]);
    }
  });
});
