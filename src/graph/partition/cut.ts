import type { Graph } from "../ir.ts";
import { DTYPE_BYTES } from "../op-kinds.ts";
import { elementCount, type Shape } from "../shape.ts";

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
  // Per tensor, the partitions other than its producer's that read it: most
  // tensors of most plans stay inside one partition and get no list.
  const readers = new Array<number[] | undefined>(graph.tensors.length);
  for (const op of graph.ops) {
    const part = partitionOfOp[op.id]!;
    for (const tensorId of op.inputs) {
      const producer = graph.tensors[tensorId]!.producer;
      if (producer < 0 || partitionOfOp[producer] === part) continue;
      const parts = readers[tensorId];
      if (parts === undefined) readers[tensorId] = [part];
      else if (!parts.includes(part)) parts.push(part);
    }
  }
  const tensors: CutTensor[] = [];
  let total = 0;
  for (const tensor of graph.tensors) {
    const to = readers[tensor.id];
    if (to === undefined) continue;
    to.sort((a, b) => a - b);
    const from = partitionOfOp[tensor.producer]!;
    const bytes = elementCount(tensor.shape) * DTYPE_BYTES[tensor.dtype];
    tensors.push({ tensor: tensor.id, name: tensor.name, shape: tensor.shape, bytes, from, to });
    total += bytes * to.length;
  }
  return { tensors, bytes: total };
}
