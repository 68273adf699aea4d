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
