/**
 * The reviewers the console names by id (draft, note and question authors, assignees). Their list is
 * fetched at sign-in, so a reviewer who joined later is not in it and would show as a short id (a
 * second reviewer saw the author of a saved draft as "44695a75"). An id missing from the list has it
 * fetched again, once per id: an id the server does not list either costs one request, not one a render.
 */
import type { Reviewer } from "./apiTypes";

/** The reviewers by id. */
export const reviewersById = (list: readonly Reviewer[]): ReadonlyMap<string, Reviewer> =>
  new Map(list.map((reviewer) => [reviewer.id, reviewer]));

/** Asks `fetchList` again when `id` is not among `known` (once for each id) and hands the new list to `onList`. */
export function reviewerLookUp(
  fetchList: () => Promise<Reviewer[]>,
  onList: (reviewers: ReadonlyMap<string, Reviewer>) => void,
): (known: ReadonlyMap<string, Reviewer>, id: string | null) => void {
  const asked = new Set<string>();
  return (known, id) => {
    if (id === null || known.has(id) || asked.has(id)) return;
    asked.add(id);
    fetchList().then(
      (list) => onList(reviewersById(list)),
      () => undefined, // the short id stays; the next sign-in fetches the list again
    );
  };
}
