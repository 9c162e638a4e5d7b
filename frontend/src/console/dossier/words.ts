/**
 * Report fields as the dossier's words, in its language: places, persons, answers, the reporters'
 * free text quoted as given (never translated). Null where the report leaves a field unknown, so a
 * table prints "not known" and a draft leaves the fact out.
 */
import type { Person } from "../../shared/report/v2";
import type { Place, PhotoRef } from "../../shared/report/model";
import type { FromReport } from "./dossier";
import type { DocumentLanguage } from "./language";

/** A reporter's own words, quoted ("«Кордайский РОВД»"); null when empty. */
export function quoted(L: DocumentLanguage, text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? L.t("dossier.doc.quote", { text: trimmed }) : null;
}

/** "с. Сортобе, по месту жительства" / "Sortobe village, at the home"; null when no place is given. */
export function placeText(
  L: DocumentLanguage,
  place: Pick<Place, "village" | "other"> & { placeType: string | null },
): string | null {
  const where =
    place.village && place.village !== "other"
      ? L.t("dossier.doc.village", { village: L.t(`villages.${place.village}`) })
      : place.other?.trim()
        ? L.t("dossier.doc.placeGiven", { place: quoted(L, place.other)! })
        : null;
  if (where === null) return null;
  return place.placeType && place.placeType !== "other"
    ? `${where}, ${L.t(`dossier.placeTypes.${place.placeType}`)}`
    : where;
}

export const reportRef = (L: DocumentLanguage, from: Pick<FromReport, "reportNumber">): string =>
  L.t("dossier.doc.reportN", { n: from.reportNumber });

/** A label or name inside a sentence: "Ведомство" becomes "ведомство". */
export const lower = (text: string): string => text.charAt(0).toLocaleLowerCase() + text.slice(1);

export function ageText(L: DocumentLanguage, age: Person["age"]): string | null {
  if (age === null) return null;
  return age === "elderly" ? L.t("dossier.doc.elderly") : L.t("dossier.doc.age", { age: L.number(age) });
}

export const sexText = (L: DocumentLanguage, sex: Person["sex"]): string | null =>
  sex === null ? null : L.t(`dossier.sex.${sex}`);

/** "SHA-256 of the original: …", and of the smaller copy the phone sent instead, when it downscaled (hashed before sealing). */
export function photoHashes(L: DocumentLanguage, photo: PhotoRef): string[] {
  const original = `${L.t("dossier.photos.originalSha256")}: ${photo.originalSha256}`;
  return photo.downscaled ? [original, `${L.t("dossier.photos.sealedSha256")}: ${photo.sealedSha256}`] : [original];
}

/** The known moments of a dossier as "28 апреля 2020" or "с 28 по 29 апреля 2020"-like ranges. */
export function periodText(L: DocumentLanguage, from: string | null, to: string | null): string | null {
  if (from === null || to === null) return null;
  const [first, last] = [L.moment(from, true), L.moment(to, true)];
  return first === last ? first : L.t("dossier.doc.period", { from: first, to: last });
}
