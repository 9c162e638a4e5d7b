/**
 * Names compared as a reviewer would: the same person is written "Масанов Айдир", "Айдир Масанов",
 * "Масанов А.", "Aydir Masanov" or, in Kazakh, "Масанов Айдыр". Each word is reduced to a Latin
 * skeleton (Russian and Kazakh Cyrillic transliterated; Kazakh Latin letters and common English
 * spellings folded; doubled letters merged), then words are paired across the two names.
 * Cyrillic is transliterated as the English draft does it (ICAO Doc 9303, dossier/translit.ts).
 */

import { latin } from "../../dossier/translit";

/** Latin letters of Kazakh Latin and of other spellings, before their marks are dropped. */
const LATIN: Readonly<Record<string, string>> = {
  ş: "sh",
  ç: "ch",
  ı: "i",
  y: "i",
  j: "zh",
  q: "k",
  x: "kh",
  w: "v",
};

/** One word of a name: its skeleton, and whether it was only an initial ("А.", "A"). */
export interface NameWord {
  skeleton: string;
  initial: boolean;
}

/** The Latin skeleton of one word: "Айдыр", "Aıdyr" and "Aydir" are all "aidir". */
export function skeleton(word: string): string {
  let folded = "";
  for (const letter of latin(word).toLowerCase()) folded += LATIN[letter] ?? letter;
  folded = folded
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/shch/g, "sh")
    .replace(/kh/g, "h")
    .replace(/^[iy]e/, "e"); // Yerzhan, Ержан
  return folded.replace(/[^a-z]/g, "").replace(/(.)\1+/g, "$1");
}

/** The words of a name, in order; initials are single letters, with or without a full stop. */
export function nameWords(name: string): NameWord[] {
  return name
    .normalize("NFC")
    .split(/[^\p{L}]+/u)
    .filter((word) => word !== "")
    .map((word) => ({ skeleton: skeleton(word), initial: [...word].length === 1 }))
    .filter((word) => word.skeleton !== "");
}

/** How two names were found to be one: word for word, in another order, with initials, or one shorter. */
export type NameAgreement = "same" | "reordered" | "initials" | "shorter";

/**
 * Whether two names are one person's: every word of one name pairs with a word of the other (a word
 * with the same skeleton, an initial with a word it begins), at least two pairs, one of them two whole
 * words. A single word ("Масанов") is too little to say so; null when they do not agree.
 */
export function compareNames(a: string, b: string): NameAgreement | null {
  const left = nameWords(a);
  const right = nameWords(b);
  if (left.length < 2 || right.length < 2) return null;
  const pairs = pairWords(left, right);
  if (pairs === null) return null;
  const whole = pairs.filter(([i, j]) => !left[i]!.initial && !right[j]!.initial).length;
  if (pairs.length < 2 || whole < 1) return null;
  const allPaired = pairs.length === left.length && pairs.length === right.length;
  if (!allPaired) return "shorter";
  if (whole < pairs.length) return "initials";
  return pairs.every(([i, j]) => i === j) ? "same" : "reordered";
}

/** Pairs words (indexes into `left` and `right`), whole words first; null unless one side pairs whole. */
function pairWords(left: NameWord[], right: NameWord[]): [number, number][] | null {
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  const pairs: [number, number][] = [];
  const pair = (fits: (l: NameWord, r: NameWord) => boolean): void => {
    left.forEach((l, i) => {
      if (usedLeft.has(i)) return;
      const j = right.findIndex((r, k) => !usedRight.has(k) && fits(l, r));
      if (j < 0) return;
      usedLeft.add(i);
      usedRight.add(j);
      pairs.push([i, j]);
    });
  };
  pair((l, r) => !l.initial && !r.initial && l.skeleton === r.skeleton);
  pair((l, r) => l.initial && r.initial && l.skeleton === r.skeleton);
  pair(
    (l, r) =>
      l.initial !== r.initial && (l.initial ? r.skeleton.startsWith(l.skeleton) : l.skeleton.startsWith(r.skeleton)),
  );
  const oneSideWhole = usedLeft.size === left.length || usedRight.size === right.length;
  return oneSideWhole ? pairs.sort(([a], [b]) => a - b) : null;
}
