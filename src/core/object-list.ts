/**
 * An empty array for objects. V8 gives a fresh `[]` small-integer elements
 * and changes their kind at the first object pushed, so JIT code compiled
 * for the lists of an earlier run (an earlier policy of a comparison, an
 * earlier run of a sweep) no longer fits and is thrown away. A list whose
 * elements are object-kind from the start fits it at once.
 */
export function objectList<T>(): T[] {
  const list: (T | null)[] = [null];
  list.pop();
  return list as T[];
}

/**
 * Shortens a list to `length` and keeps its backing store. Setting
 * `list.length` lower gives back the store's unused part (all of it at 0),
 * and the next push allocates a new one, about 150 bytes for a short list:
 * for a list emptied at every event, garbage at every event.
 */
export function truncateList(list: unknown[], length: number): void {
  while (list.length > length) list.pop();
}

/** Removes the element at `index`, keeping the order of the rest; unlike `splice`, it builds no list of what it removed. */
export function removeAt(list: unknown[], index: number): void {
  for (let at = index + 1; at < list.length; at++) list[at - 1] = list[at];
  list.pop();
}
