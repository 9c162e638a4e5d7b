/** Changing one item of a list in the draft (an act, a medical entry) by its fields or as a function of it. */

/** A change to an item: its new fields, or a function of the item as it is in the latest draft. */
export type Change<A> = Partial<A> | ((current: A) => Partial<A>);

/** The item with a Change applied; a function sees the item as it is now, so two quick taps both count. */
export function applyChange<A extends object>(item: A, change: Change<A>): A {
  return { ...item, ...(typeof change === "function" ? change(item) : change) };
}
