/** Adds or removes one item of a list (ticked kinds, roles, methods), keeping the others' order. */
export function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item);
}
