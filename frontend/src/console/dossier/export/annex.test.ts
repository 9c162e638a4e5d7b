/**
 * A draft's annex lists the files a lawyer attaches: the photos the reporter agreed may be used
 * (the report's, then those sent with a family's answer), the documents and voice recordings of the
 * report and of the answers, each with its SHA-256s, and the source reports.
 */
import { describe, expect, it } from "vitest";

import { evidenceOf } from "../appeal/evidence";
import { buildDossier, consenting } from "../dossier";
import { documentLanguage } from "../language";
import { TRANSCRIPTS } from "../testing/goldenCases";
import { withMaterials } from "../testing/materials";
import { annexOf, annexTables, draftAnnexes } from "./annex";

const ru = documentLanguage("ru");

describe("a draft's annex", () => {
  it("lists the documents, recordings and answer photos, from the report and from the family's answer", () => {
    const { input, pdf, voice } = withMaterials();
    const annex = annexOf(ru, buildDossier(input), evidenceOf(input));
    expect(annex.documents).toEqual([
      {
        number: 1,
        type: "протокол задержания",
        caption: "Протокол от 28 апреля",
        pages: 2,
        sha256s: ["1".repeat(64), "2".repeat(64)],
        reportNumber: 1,
        fromAnswer: false,
      },
      {
        number: 2,
        type: "справка о побоях",
        caption: null,
        pages: 0,
        sha256s: [pdf.sha256],
        reportNumber: 1,
        fromAnswer: true,
      },
    ]);
    expect(annex.voice).toEqual([
      // The report's own recording (testing/goldenCases.ts), with the transcript a reviewer kept
      {
        number: 1,
        durationMs: 134_000,
        sha256: "c".repeat(64),
        transcript: TRANSCRIPTS[0]!.text,
        reportNumber: 1,
        fromAnswer: false,
      },
      { number: 2, durationMs: 187_000, sha256: voice.sha256, transcript: null, reportNumber: 1, fromAnswer: true },
    ]);
    expect(annex.photos.map((p) => [p.number, p.caption, p.sha256, p.received])).toEqual([
      [1, "Приложено к ответу семьи", "5".repeat(64), null],
    ]);
  });

  it("lays them out as tables, saying which came with an answer", () => {
    const { input } = withMaterials();
    const tables = annexTables(ru, annexOf(ru, buildDossier(input), evidenceOf(input)));
    expect(tables.map((t) => t.title)).toEqual([
      "Фотографии",
      "Документы",
      "Голосовые сообщения",
      "Сообщения-источники",
    ]);
    const [, documents, voice] = tables;
    expect(documents!.rows[1]![4]).toEqual([{ text: "Ответ семьи к сообщению № 1" }]);
    expect(voice!.rows[1]![2]).toEqual([{ text: "3:07" }]);
    // A photo sent with an answer: whether the server holds it is not known here, and said so
    expect(tables[0]!.rows[0]![4]).toEqual([{ text: "не известно" }]);
  });

  it("leaves out the answers' photos when the reporter did not agree that photos be used", () => {
    const { input } = withMaterials();
    const refused = {
      ...input,
      opened: input.opened.map((s) => ({
        ...s,
        full: { ...s.full!, consent: { ...s.full!.consent, photograph: false } },
      })),
    };
    expect(annexOf(ru, buildDossier(refused), evidenceOf(refused)).photos).toEqual([]);
  });

  it("holds for each addressee only what its consenting reports sent", () => {
    const { input } = withMaterials();
    const notForUn = {
      ...input,
      opened: input.opened.map((s) => ({
        ...s,
        report: { ...s.report, consent: { ...s.report.consent, shareWithUn: false } },
      })),
    };
    const annexes = draftAnnexes(ru, notForUn);
    expect(annexes.prosecutor.documents).toHaveLength(2);
    expect(annexes.un.documents).toEqual([]);
    expect(annexes.un.voice).toEqual([]);
    expect(consenting(notForUn, "un").answers).toEqual([]);
  });
});
