import type { Graph } from "../ir.ts";
import { DTYPE_BYTES } from "../op-kinds.ts";
import { elementCount, type Shape } from "../shape.ts";
import { consumersOf } from "../topology.ts";

/** A tensor written in one partition and read in others. */
export interface CutTensor {
  readonly tensor: number;
  readonly name: string;
  readonly shape: Shape;
  /** Bytes of one copy of the tensor. */
  readonly bytes: number;
  readonly from: number;
  /** Partitions reading it, ascending. */
  readonly to: readonly number[];
}

export interface Cut {
  readonly tensors: readonly CutTensor[];
  /** Bytes sent over the cut: each tensor once per partition that reads it. */
  readonly bytes: number;
}

/**
 * The tensors crossing between partitions, given the partition of every op
 * (e.g. from `partitionIndexOf`). Graph inputs are not counted: they enter
 * from outside, not across the cut.
 */
export function cutBetween(graph: Graph, partitionOfOp: readonly number[]): Cut {
  const consumers = consumersOf(graph);
  const tensors: CutTensor[] = [];
  let total = 0;
  for (const tensor of graph.tensors) {
    if (tensor.producer < 0) continue;
    const from = partitionOfOp[tensor.producer]!;
    const to = [...new Set(consumers[tensor.id]!.map((op) => partitionOfOp[op]!))]
      .filter((part) => part !== from)
      .sort((a, b) => a - b);
    if (to.length === 0) continue;
    const bytes = elementCount(tensor.shape) * DTYPE_BYTES[tensor.dtype];
    tensors.push({ tensor: tensor.id, name: tensor.name, shape: tensor.shape, bytes, from, to });
    total += bytes * to.length;
  }
  return { tensors, bytes: total };
}
