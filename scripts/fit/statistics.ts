/** Small summaries the report prints. */

export function worst(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

/** Relative error of a prediction: predicted / measured − 1. */
export function relativeError(predicted: number, measured: number): number {
  return predicted / measured - 1;
}

/** Groups items by a key, keeping first-seen key order. */
export function groupBy<Item>(
  items: readonly Item[],
  key: (item: Item) => string,
): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/** Share of absolute errors at most `bound` (0.15 for ±15 %). */
export function shareWithin(values: readonly number[], bound: number): number {
  return values.length === 0
    ? Number.NaN
    : values.filter((value) => value <= bound).length / values.length;
}
