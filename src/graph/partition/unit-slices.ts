import type { Graph } from "../ir.ts";
import { consumersOf } from "../topology.ts";
import { inputRows } from "./split-op.ts";
import type { SplitAxis } from "./splittable.ts";

/** [start, end) along an op's output axis; start === end when the slice computes nothing of the op. */
export type SliceRange = readonly [number, number];

/** The position `fraction` of `size` along an axis, so consecutive slices tile it exactly. */
function boundary(size: number, fraction: number): number {
  return Math.min(size, Math.max(0, Math.round(fraction * size)));
}

/**
 * What one slice of a split unit computes of each of the unit's ops, as the
 * share range [from, to) of the unit's output (slices of one option take
 * consecutive ranges). A channels slice computes that share of every op's
 * own output channels (a convolution after the first then reads every
 * input channel, so the slices must exchange them: μLayer splits one layer
 * per unit, with a barrier after it). A rows slice computes that share of the rows of each
 * op whose output leaves the unit, and each earlier op computes every row
 * its consumers in the unit read: a k×k window adds halo rows, and the halo
 * grows backwards along the unit (CoDL's Eq. 1), so slices of a rows split
 * overlap on their inner ops. Ranges come back in the order of `ops`.
 */
export function unitSliceRanges(
  graph: Graph,
  ops: readonly number[],
  axis: SplitAxis,
  shares: readonly [number, number],
): SliceRange[] {
  const sizeOf = (opId: number) => {
    const shape = graph.tensors[graph.ops[opId]!.outputs[0]!]!.shape;
    return axis === "channels" ? shape[shape.length === 4 ? 1 : shape.length - 1]! : shape[2]!;
  };
  const own = (opId: number): SliceRange => {
    const size = sizeOf(opId);
    return [boundary(size, shares[0]), boundary(size, shares[1])];
  };
  if (axis === "channels") return ops.map(own);
  const position = new Map(ops.map((opId, index) => [opId, index]));
  const consumers = consumersOf(graph);
  const outputs = new Set(graph.outputs);
  const ranges: [number, number][] = ops.map(() => [Number.POSITIVE_INFINITY, 0]);
  const widen = (index: number, [from, to]: SliceRange) => {
    if (from >= to) return;
    const range = ranges[index]!;
    range[0] = Math.min(range[0], from);
    range[1] = Math.max(range[1], to);
  };
  for (let index = ops.length - 1; index >= 0; index--) {
    const opId = ops[index]!;
    const tensor = graph.ops[opId]!.outputs[0]!;
    const readers = consumers[tensor]!;
    const leaves =
      outputs.has(tensor) || readers.length === 0 || readers.some((op) => !position.has(op));
    if (leaves) widen(index, own(opId));
    const height = sizeOf(opId);
    for (const reader of readers) {
      const at = position.get(reader);
      if (at === undefined) continue;
      const needed = ranges[at]!;
      if (needed[0] >= needed[1]) continue;
      // A broadcast input of one row (a squeeze-and-excitation scale) is read whole.
      widen(index, height === 1 ? [0, 1] : inputRows(graph.ops[reader]!, height, needed));
    }
  }
  return ranges.map(([from, to]) => (from < to ? [from, to] : [0, 0]));
}
