/** Unanswered, "don't know" and "no" each read differently, in every kind of field. */
import { describe, expect, it } from "vitest";

import { answerShown, choiceShown, placeShown, sourceShown, textShown, whenShown } from "./format";

describe("how answers read in the console", () => {
  it("never shows an unanswered question as a don't know, nor a no as either", () => {
    const [unanswered, dontKnow, no, yes] = [null, "dont_know", "no", "yes"].map((a) =>
      answerShown(a as "yes" | "no" | "dont_know" | null),
    );
    expect(unanswered).toEqual({ state: "unanswered", text: "— не спрашивали / нет ответа" });
    expect(dontKnow).toEqual({ state: "dont_know", text: "не знает" });
    expect(no).toEqual({ state: "no", text: "нет" });
    expect(yes).toEqual({ state: "yes", text: "да" });
    expect(new Set([unanswered, dontKnow, no, yes].map((s) => s!.text)).size).toBe(4);
  });

  it("says how the reporter knows a fact, and when they were not asked", () => {
    expect(sourceShown("saw_myself")).toEqual({ state: "given", text: "видел(а) сам(а)" });
    expect(sourceShown("victim_told_me").text).toBe("со слов пострадавшего(ей)");
    expect(sourceShown("heard_from_others").text).toBe("слышал(а) от других");
    expect(sourceShown(null).state).toBe("unanswered");
  });

  it("tells a time not asked from a time the reporter does not know", () => {
    expect(whenShown(null).state).toBe("unanswered");
    expect(whenShown({ precision: "unknown", value: null })).toEqual({ state: "dont_know", text: "не знает когда" });
    expect(whenShown({ precision: "exact", value: "2020-04-28T22:00" })).toMatchObject({ state: "given" });
    expect(whenShown({ precision: "exact", value: "2020-04-28T22:00" }).text).toMatch(/22:00/);
    expect(whenShown({ precision: "approximate", value: "2020-04-28" }).text).toMatch(/^примерно /);
  });

  it("reads a choice's own don't know, and free text, numbers and places left empty as unanswered", () => {
    expect(choiceShown("dont_know", "person.custody").state).toBe("dont_know");
    expect(choiceShown("detained", "person.custody")).toEqual({ state: "given", text: "под стражей" });
    expect(choiceShown(null, "person.custody").state).toBe("unanswered");
    expect(textShown(null).state).toBe("unanswered");
    expect(textShown("")).toMatchObject({ state: "unanswered" });
    expect(textShown(0)).toEqual({ state: "given", text: "0" });
    expect(placeShown(null).state).toBe("unanswered");
    expect(placeShown({ village: null, other: null, placeType: null, gps: null }).state).toBe("unanswered");
    expect(placeShown({ village: "kordai", other: null, placeType: "temporary_detention", gps: null }).text).toBe(
      "Кордай, в ИВС",
    );
  });
});
