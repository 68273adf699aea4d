/**
 * Runs a policy's code with `Math.random`, `Date.now` and `performance.now`
 * watched: each still answers (so the run is what it would have been), and
 * each read is noted, since a policy that reads them cannot be replayed
 * from its seed. (`new Date()` is not watched.)
 */
export function watchingHostReads<Result>(reads: Set<string>, body: () => Result): Result {
  const restore = [
    watch(Math, "random", "Math.random", reads),
    watch(Date, "now", "Date.now", reads),
    watch(performance, "now", "performance.now", reads),
  ];
  try {
    return body();
  } finally {
    for (const undo of restore) undo();
  }
}

function watch<Holder extends object>(
  holder: Holder,
  key: keyof Holder & string,
  name: string,
  reads: Set<string>,
): () => void {
  const own = Object.getOwnPropertyDescriptor(holder, key);
  const original = holder[key] as unknown as (...args: unknown[]) => unknown;
  Object.defineProperty(holder, key, {
    configurable: true,
    writable: true,
    value: (...args: unknown[]) => {
      reads.add(name);
      return original.apply(holder, args);
    },
  });
  return () => {
    if (own === undefined) delete (holder as Record<string, unknown>)[key];
    else Object.defineProperty(holder, key, own);
  };
}
