/**
 * Russian and Kazakh Cyrillic in Latin letters, for the English draft (issue 19: "names not
 * transliterated"). One named standard: the table of ICAO Doc 9303 (Machine Readable Travel
 * Documents), "Transliteration of Cyrillic characters", the table passports use for names.
 *
 * Sources (read 2026-12-07 in the project's stored copies of public pages):
 * - The Russian letters: Doc 9303 Part 1 Vol. I, Appendix 9 to Section IV, "Транслитерация
 *   кириллических знаков", as reproduced in Russian law (consultant.ru, document 316977, annex 1;
 *   docs.cntd.ru, document 420215211): А A, Б B, В V, Г G, Д D, Е E, Ё E, Ж ZH, З Z, И I, Й I, К K,
 *   Л L, М M, Н N, О O, П P, Р R, С S, Т T, У U, Ф F, Х KH, Ц TS, Ч CH, Ш SH, Щ SHCH, Ы Y, Ъ IE, Э E,
 *   Ю IU, Я IA; Ь is not transliterated; І I (entry 11, "not used in Russian").
 * - The Kazakh letters: the same table with the Central Asian letters, reproduced by two airline
 *   booking services for names in passports (help.kupibilet.ru, "Таблица транслитерации кириллических
 *   знаков"; help.anywayanyday.business, article 25717): Ә A, Ғ G, Қ K, Ң N, Ө O, Ұ U, Ү U, Һ KH.
 *   Kazakhstan's passports write Х as KH ("Хилл" is "Khill": Sputnik, 6 October 2017), as this table
 *   does; the Ministry's own table was not found, so a name spelled otherwise in the person's passport
 *   must be taken from the passport.
 *
 * Case is kept: "Жанна" is "Zhanna", "ЖАННА" is "ZHANNA" (a letter written as two or more is all
 * capitals when the letter beside it is a capital). Anything not in the table (Latin letters, digits,
 * punctuation, quotation marks) is left as it is.
 */

/** ICAO Doc 9303: each lower-case Russian or Kazakh letter and its Latin letters (lower case). */
const ICAO_9303: Readonly<Record<string, string>> = {
  а: "a",
  ә: "a",
  б: "b",
  в: "v",
  г: "g",
  ғ: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  қ: "k",
  л: "l",
  м: "m",
  н: "n",
  ң: "n",
  о: "o",
  ө: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ұ: "u",
  ү: "u",
  ф: "f",
  х: "kh",
  һ: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "ie",
  ы: "y",
  і: "i",
  ь: "",
  э: "e",
  ю: "iu",
  я: "ia",
};

const isUpper = (ch: string | undefined): boolean =>
  ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLetter = (ch: string | undefined): boolean => ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();

/** `text` with its Russian and Kazakh Cyrillic letters in Latin (ICAO Doc 9303), the rest as it is. */
export function latin(text: string): string {
  const chars = [...text.normalize("NFC")];
  return chars
    .map((ch, i) => {
      const lower = ch.toLowerCase();
      const letters = ICAO_9303[lower];
      if (letters === undefined) return ch;
      if (ch === lower || letters.length === 0) return letters;
      const next = chars[i + 1];
      const beside = isLetter(next) ? next : chars[i - 1];
      return isUpper(beside) ? letters.toUpperCase() : letters[0]!.toUpperCase() + letters.slice(1);
    })
    .join("");
}
