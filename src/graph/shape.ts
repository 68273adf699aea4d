/** Shape arithmetic shared by the kind rules, the partition helpers and the transforms. */

export type Shape = readonly number[];

export function elementCount(shape: Shape): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, index) => dim === b[index]);
}

/** NumPy broadcasting of two shapes, or undefined when they do not broadcast. */
export function broadcastShapes(a: Shape, b: Shape): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const result = new Array<number>(rank);
  for (let index = 1; index <= rank; index++) {
    const left = a[a.length - index] ?? 1;
    const right = b[b.length - index] ?? 1;
    if (left !== right && left !== 1 && right !== 1) return undefined;
    result[rank - index] = Math.max(left, right);
  }
  return result;
}

/** A possibly negative axis made absolute, or undefined when out of range. */
export function normalizeAxis(axis: number, rank: number): number | undefined {
  const absolute = axis < 0 ? axis + rank : axis;
  return Number.isInteger(absolute) && absolute >= 0 && absolute < rank ? absolute : undefined;
}
