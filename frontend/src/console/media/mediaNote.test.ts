/** A transcript kept as a note reads back as one; an ordinary note (even JSON-looking) stays a note. */
import { describe, expect, it } from "vitest";

import { mediaNoteText, readMediaNote } from "./mediaNote";

describe("a reviewer's transcript of a recording", () => {
  it("reads back with the recording it is about", () => {
    const note = {
      about: { attachmentId: "0193-a" },
      kind: "translation" as const,
      language: "ru",
      text: "Меня били.",
    };
    expect(readMediaNote(mediaNoteText(note))).toEqual({ format: "kua.note", version: 1, ...note });
  });

  it("leaves ordinary notes alone", () => {
    expect(readMediaNote("Позвонить семье в пятницу.")).toBeNull();
    expect(readMediaNote('{"format":"kua.note","version":2,"text":"x"}')).toBeNull();
    expect(readMediaNote("{not json")).toBeNull();
  });
});
