import { describe, expect, it } from "vitest";

import type { Reviewer } from "./apiTypes";
import { reviewerLookUp, reviewersById } from "./reviewers";

const reviewer = (id: string, name: string): Reviewer => ({
  id,
  name,
  role: "triager",
  state: "active",
  recipient: null,
  recipient_state: "none",
});

const aigul = reviewer("44695a75-0000-4000-8000-000000000001", "Айгуль");
const bolat = reviewer("9c0ffee0-0000-4000-8000-000000000002", "Болат");

/** A look-up whose list, on the server, is `onServer`; it counts the fetches and keeps the last list. */
function lookUpAgainst(onServer: Reviewer[] | Error) {
  const seen = { fetches: 0, list: null as ReadonlyMap<string, Reviewer> | null };
  const lookUp = reviewerLookUp(
    () => {
      seen.fetches += 1;
      return onServer instanceof Error ? Promise.reject(onServer) : Promise.resolve(onServer);
    },
    (list) => {
      seen.list = list;
    },
  );
  return { lookUp, seen };
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("reviewerLookUp", () => {
  it("fetches the list again for a reviewer who joined after it was fetched", async () => {
    // Given Болат's console fetched the list before Айгуль joined
    const known = reviewersById([bolat]);
    const { lookUp, seen } = lookUpAgainst([bolat, aigul]);
    // When it is asked for the author of Айгуль's draft
    lookUp(known, aigul.id);
    await settled();
    // Then it has her name
    expect(seen.fetches).toBe(1);
    expect(seen.list?.get(aigul.id)?.name).toBe("Айгуль");
  });

  it("asks once for an id the server does not list either, and never for a known id or none", async () => {
    const known = reviewersById([bolat]);
    const { lookUp, seen } = lookUpAgainst([bolat]);
    for (let render = 0; render < 3; render += 1) {
      lookUp(known, "a-removed-reviewer");
      lookUp(known, bolat.id);
      lookUp(known, null);
    }
    await settled();
    expect(seen.fetches).toBe(1);
  });

  it("keeps the list it has when the server cannot be reached", async () => {
    const { lookUp, seen } = lookUpAgainst(new Error("offline"));
    lookUp(reviewersById([bolat]), aigul.id);
    await settled();
    expect(seen.fetches).toBe(1);
    expect(seen.list).toBeNull();
  });
});
