/**
 * A draft as a Word document, built in this browser (npm `docx`; this module is loaded only when the
 * reviewer asks for it, so neither phones nor the console's first load carry the library): the
 * draft's text as the reviewer left it, then its annex (annex.ts) as tables. Laid out as a Russian
 * official letter: A4, Times New Roman 14 pt (12 pt in the annex), margins 2 cm and 1.5 cm on the
 * right, justified paragraphs with a 1.25 cm first-line indent, the addressee and the sender on the
 * right. Every run carries the document's language (ru-RU, en-GB) so Word checks the spelling in it;
 * hashes are marked not to be checked.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from "docx";

import type { Addressee } from "../dossier";
import type { DocumentLanguage, DossierTag } from "../language";
import type { UnProcedure } from "../un";
import { annexTables, type AnnexCell, type AnnexColumn, type DraftAnnex } from "./annex";

export type { DraftAnnex } from "./annex";

export interface DraftDocxInput {
  /** The document's language: its words (the annex's headings) and Word's spell-check language. */
  L: DocumentLanguage;
  /** The draft as the reviewer sees it in its textarea, edits included. */
  text: string;
  annex: DraftAnnex;
  /** The document's title in Word's properties. */
  title: string;
}

/** Word's language for the dossier's: Russian as in Russia, English as in Britain (the coalition's usage). */
export const WORD_LANGUAGE: Record<DossierTag, string> = { ru: "ru-RU", en: "en-GB" };

const FONT = "Times New Roman";
const BODY_SIZE = 28; // half-points: 14 pt
const ANNEX_SIZE = 24; // 12 pt
const HASH_SIZE = 18; // 9 pt, so a SHA-256 wraps onto two lines of its column
/** Twips (1/1440 inch) for millimetres, rounded: A4 is 11906 × 16838. */
const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
/** A4 less 20 mm on the left and 15 mm on the right. */
const TEXT_WIDTH_MM = 210 - 20 - 15;
/** Leading blocks set on the right (the addressee, the sender), when the text has more than these. */
const HEAD_BLOCKS = 2;
/** A line the draft writes as a list item ("– повреждение № 1 …"); a reviewer may type a hyphen. */
const ITEM = /^[–—-]\s/;

/** The draft's text as blocks (split on blank lines), each as lines (single newlines). */
export function textBlocks(text: string): string[][] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trimEnd())
        .filter((line) => line !== ""),
    )
    .filter((lines) => lines.length > 0);
}

export async function draftDocx({ L, text, annex, title }: DraftDocxInput): Promise<Blob> {
  const language = { value: WORD_LANGUAGE[L.tag] };
  const run = (options: IRunOptions): TextRun => new TextRun({ language, ...options });

  /** Lines joined by line breaks in one paragraph. */
  const lines = (texts: string[], size: number): TextRun[] =>
    texts.map((line, index) => run({ text: line, size, ...(index > 0 ? { break: 1 } : {}) }));

  const blocks = textBlocks(text);
  const body = blocks.flatMap((block, blockIndex): Paragraph[] => {
    const head = blocks.length > HEAD_BLOCKS && blockIndex < HEAD_BLOCKS;
    if (head) {
      return [
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: lines(block, BODY_SIZE) }),
      ];
    }
    // Consecutive plain lines make one paragraph; each list line a paragraph of its own.
    const groups: { item: boolean; lines: string[] }[] = [];
    for (const line of block) {
      const item = ITEM.test(line);
      const last = groups[groups.length - 1];
      if (!item && last && !last.item) last.lines.push(line);
      else groups.push({ item, lines: [line] });
    }
    return groups.map(
      (group, index) =>
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: group.item ? { left: mm(17.5), hanging: mm(5) } : { firstLine: mm(12.5) },
          spacing: { after: index === groups.length - 1 ? 240 : 60 },
          // A heading line stays with the list under it
          ...(!group.item && index < groups.length - 1 ? { keepNext: true } : {}),
          children: lines(group.lines, BODY_SIZE),
        }),
    );
  });

  const document = new Document({
    title,
    creator: L.t("dossier.doc.organisation"),
    lastModifiedBy: L.t("dossier.doc.organisation"),
    styles: { default: { document: { run: { font: FONT, size: BODY_SIZE, language } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(20), bottom: mm(20), left: mm(20), right: mm(15) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [run({ size: ANNEX_SIZE, children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children: [...body, ...annexPart(L, annex, run)],
      },
    ],
  });
  return Packer.toBlob(document);
}

type Run = (options: IRunOptions) => TextRun;

/** "Приложение": its tables (annex.ts) under numbered headings, from a new page. */
function annexPart(L: DocumentLanguage, annex: DraftAnnex, run: Run): (Paragraph | Table)[] {
  const parts = annexTables(L, annex);
  if (parts.length === 0) return [];

  const heading = (text: string, options: { pageBreakBefore?: boolean; center?: boolean } = {}): Paragraph =>
    new Paragraph({
      alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
      keepNext: true,
      spacing: { before: 240, after: 120 },
      children: [run({ text, bold: true, size: BODY_SIZE })],
    });
  return [
    heading(L.t("dossier.annex.title"), { pageBreakBefore: true, center: true }),
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: { after: 120 },
      children: [run({ text: L.t("dossier.annex.intro"), size: ANNEX_SIZE })],
    }),
    ...parts.flatMap(({ title, columns, rows }, index) => [
      heading(`${index + 1}. ${title}`),
      table(columns, rows, run),
    ]),
  ];
}

/** A table across the text's width: columns in proportion to `weight`, the heading row repeated on each page. */
function table(columns: AnnexColumn[], rows: AnnexCell[][], run: Run): Table {
  const total = columns.reduce((sum, [, weight]) => sum + weight, 0);
  const widths = columns.map(([, weight]) => Math.floor(mm((TEXT_WIDTH_MM * weight) / total)));
  const cell = (content: AnnexCell, index: number, header = false): TableCell =>
    new TableCell({
      width: { size: widths[index]!, type: WidthType.DXA },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "EEEEEE" } } : {}),
      children: content.map(
        ({ text, hash }) =>
          new Paragraph({
            children: [
              run({
                text,
                ...(header ? { bold: true } : {}),
                size: hash ? HASH_SIZE : ANNEX_SIZE,
                ...(hash ? { noProof: true, font: "Courier New" } : {}),
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map(([title], index) => cell([{ text: title }], index, true)),
      }),
      ...rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((content, index) => cell(content, index)) }),
      ),
    ],
  });
}

/** "appeal-prosecutor-2026-12-07.docx", "appeal-un-allegation-letter-2026-12-07.docx": the local date. */
export function draftFileName(addressee: Addressee, variant: UnProcedure | null, on: Date = new Date()): string {
  const date = [on.getFullYear(), on.getMonth() + 1, on.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  return ["appeal", addressee, ...(variant ? [variant.replace(/_/g, "-")] : []), date].join("-") + ".docx";
}
