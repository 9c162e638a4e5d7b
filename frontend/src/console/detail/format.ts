/**
 * How a v2 report's answers read in the console (docs/report-format.md, "Conventions"): null is a
 * question never reached or skipped, "dont_know" is what the reporter said, and a "no" is a no. Each
 * is shown in its own way, so a lawyer never takes an unanswered question for a "don't know".
 */
import type { Answer, MaybeWhen, Place, Source } from "../../shared/report/v2";
import { fmtWhen, t } from "../i18n";

/** What a shown value is: its state decides how it looks (greyed, italic, a plain answer). */
export type ShownState = "unanswered" | "dont_know" | "yes" | "no" | "given";

export interface Shown {
  state: ShownState;
  text: string;
}

const unanswered = (): Shown => ({ state: "unanswered", text: t("person.answer.unanswered") });
const dontKnow = (text = t("person.answer.dontKnow")): Shown => ({ state: "dont_know", text });

/** A yes / no / don't know question. */
export function answerShown(answer: Answer | undefined): Shown {
  if (answer === "yes") return { state: "yes", text: t("person.answer.yes") };
  if (answer === "no") return { state: "no", text: t("person.answer.no") };
  if (answer === "dont_know") return dontKnow();
  return unanswered();
}

/** How the reporter knows a fact: saw it, the victim told them, heard from others. */
export function sourceShown(source: Source | undefined): Shown {
  return source ? { state: "given", text: t(`person.source.${source}`) } : unanswered();
}

/** A time: null was not asked; "unknown" precision is the reporter's "don't know". */
export function whenShown(when: MaybeWhen | undefined): Shown {
  if (!when) return unanswered();
  if (when.precision === "unknown" || !when.value) return dontKnow(t("person.whenUnknown"));
  return { state: "given", text: fmtWhen(when) };
}

/** Free text or a number: null is unanswered. */
export function textShown(value: string | number | null | undefined): Shown {
  if (value === null || value === undefined || value === "") return unanswered();
  return { state: "given", text: String(value) };
}

/**
 * A choice whose values are catalog keys under `prefix`, "dont_know" being the reporter's own
 * answer ("custody", "capacity", an exam's status).
 */
export function choiceShown(value: string | null | undefined, prefix: string): Shown {
  if (value === null || value === undefined) return unanswered();
  if (value === "dont_know") return dontKnow();
  return { state: "given", text: t(`${prefix}.${value}`) };
}

/** A place: the village (or the free text) and the kind of place; null is unanswered. */
export function placeShown(place: Place | null | undefined): Shown {
  if (!place) return unanswered();
  const village = place.village === "other" || place.village === null ? place.other : t(`villages.${place.village}`);
  const kind = place.placeType ? t(`person.placeTypes.${place.placeType}`) : null;
  const text = [village, kind].filter(Boolean).join(", ");
  return text ? { state: "given", text } : unanswered();
}
