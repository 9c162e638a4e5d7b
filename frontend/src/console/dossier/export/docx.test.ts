/**
 * A draft exported to Word holds the text as the reviewer left it (each paragraph, its line breaks,
 * its list lines), in the document's language for Word's spell-check, then the annex with the
 * photos' and reports' SHA-256. The .docx is unzipped and its word/document.xml read back.
 */
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { buildDossier, consenting } from "../dossier";
import { documentLanguage } from "../language";
import { evidenceOf } from "../appeal/evidence";
import { prosecutorDraft } from "../prosecutor";
import { PHOTO, seedCase } from "../testing/seedCase";
import { annexOf } from "./annex";
import { draftDocx, draftFileName, textBlocks } from "./docx";

const ru = documentLanguage("ru");
const en = documentLanguage("en");
const forProsecutor = buildDossier(consenting(seedCase(), "prosecutor"));
const evidence = evidenceOf(consenting(seedCase(), "prosecutor"));

const EDITED = [
  "Генеральному прокурору Республики Казахстан\nБ. Асылову",
  "От: Коалиции НПО Казахстана против пыток",
  "ЗАЯВЛЕНИЕ о пытках в с. Сортобе",
  "Правка юриста: 28 апреля 2020 года сотрудники «Кордайского РОВД» задержали Айдира Масанова.",
  "Прошу:\n1. Зарегистрировать сведения в ЕРДР.\n2. Назначить экспертизу.",
  "Телесные повреждения:\n– кровоподтёк на левой руке;\n– ссадина на лбу.",
].join("\n\n");

interface Docx {
  files: Record<string, string>;
  /** Each paragraph of word/document.xml as text, a line break as "\n". */
  paragraphs: string[];
}

async function opened(blob: Blob): Promise<Docx> {
  const zip = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  const files = Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]));
  const xml = files["word/document.xml"]!;
  const unescape = (text: string): string =>
    text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    [...p.matchAll(/<w:br\/>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map(([tag, text]) => (tag === "<w:br/>" ? "\n" : unescape(text ?? "")))
      .join(""),
  );
  return { files, paragraphs };
}

describe("a draft exported to Word", () => {
  it("holds each paragraph of the edited text, its line breaks and its list lines, in Russian", async () => {
    const docx = await opened(
      await draftDocx({ L: ru, text: EDITED, annex: annexOf(ru, forProsecutor, evidence), title: "Обращение" }),
    );
    for (const paragraph of [
      "Генеральному прокурору Республики Казахстан\nБ. Асылову",
      "ЗАЯВЛЕНИЕ о пытках в с. Сортобе",
      "Правка юриста: 28 апреля 2020 года сотрудники «Кордайского РОВД» задержали Айдира Масанова.",
      "Прошу:\n1. Зарегистрировать сведения в ЕРДР.\n2. Назначить экспертизу.",
      "Телесные повреждения:",
      "– кровоподтёк на левой руке;",
      "– ссадина на лбу.",
    ]) {
      expect(docx.paragraphs).toContain(paragraph);
    }
    const xml = docx.files["word/document.xml"]!;
    expect(xml).toContain('<w:lang w:val="ru-RU"/>');
    expect(xml).not.toContain("en-GB");
    expect(docx.files["word/styles.xml"]).toContain('w:val="ru-RU"');
    expect(docx.files["word/styles.xml"]).toContain("Times New Roman");
    // The addressee on the right; A4 with 20 mm margins and 15 mm on the right
    expect(xml).toMatch(/<w:jc w:val="right"\/>[\s\S]*?Генеральному прокурору/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1134"/);
  });

  it("ends with the annex: the photo's SHA-256 and each source report's, in tables", async () => {
    const annex = annexOf(ru, forProsecutor, evidence);
    const docx = await opened(
      await draftDocx({ L: ru, text: prosecutorDraft(ru, forProsecutor, evidence), annex, title: "" }),
    );
    const xml = docx.files["word/document.xml"]!;
    expect(docx.paragraphs).toContain("Приложение");
    expect(docx.paragraphs).toContain("1. Фотографии");
    expect(docx.paragraphs).toContain("Повреждение № 1");
    expect(docx.paragraphs).toContain(PHOTO.originalSha256);
    // The phone sent a smaller copy: its hash too, labelled
    expect(docx.paragraphs).toContain(PHOTO.sealedSha256);
    expect(docx.paragraphs).toContain("2. Сообщения-источники");
    expect(docx.paragraphs).toContain("a".repeat(64));
    expect(docx.paragraphs).toContain("b".repeat(64));
    expect(docx.paragraphs).toContain("29 апреля 2020, 08:00 UTC");
    expect(xml.match(/<w:tbl>/g)).toHaveLength(2);
    // A hash is not spell-checked
    expect(xml).toMatch(new RegExp(`<w:noProof/>[\\s\\S]*?${PHOTO.originalSha256}`));
  });

  it("leaves out the photos the reporter did not agree may be used, and the reports not for the addressee", () => {
    const forUn = buildDossier(consenting(seedCase(), "un"));
    const annex = annexOf(ru, forUn, evidenceOf(consenting(seedCase(), "un")));
    expect(annex.sources.map((s) => s.reportNumber)).toEqual([1]);
    expect(annex.photos.map((p) => p.sha256)).toEqual([PHOTO.originalSha256]);
    const input = {
      ...seedCase(),
      opened: seedCase().opened.map((source) => ({
        ...source,
        report: { ...source.report, consent: { ...source.report.consent, photograph: false } },
      })),
    };
    expect(annexOf(ru, buildDossier(input), evidenceOf(input)).photos).toEqual([]);
  });

  it("is in British English for an English draft", async () => {
    const docx = await opened(
      await draftDocx({
        L: en,
        text: prosecutorDraft(en, forProsecutor, evidence),
        annex: annexOf(en, forProsecutor, evidence),
        title: "Appeal",
      }),
    );
    expect(docx.files["word/document.xml"]).toContain('<w:lang w:val="en-GB"/>');
    expect(docx.files["word/document.xml"]).not.toContain("ru-RU");
    expect(docx.paragraphs).toContain("Annex");
    expect(docx.paragraphs).toContain("Injury No. 1");
    expect(docx.files["docProps/core.xml"]).toContain("<dc:title>Appeal</dc:title>");
  });
});

describe("the draft's text as Word paragraphs", () => {
  it("splits on blank lines (spaces on them too) and keeps single newlines as line breaks", () => {
    expect(textBlocks("a\nb\n\nc\r\n \r\nd\n\n\n\ne\n")).toEqual([["a", "b"], ["c"], ["d"], ["e"]]);
  });
});

describe("the file's name", () => {
  it("names the addressee, the kind of UN communication and the day", () => {
    const day = new Date(2026, 11, 7, 23, 30);
    expect(draftFileName("prosecutor", null, day)).toBe("appeal-prosecutor-2026-12-07.docx");
    expect(draftFileName("un", "allegation_letter", day)).toBe("appeal-un-allegation-letter-2026-12-07.docx");
  });
});
