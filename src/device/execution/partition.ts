import type { Graph } from "../../graph/ir.ts";
import { predecessorsOf, successorsOf } from "../../graph/topology.ts";
import type { BackendSpec } from "../schema/framework-schema.ts";

/**
 * Cuts a graph the way a delegating framework does at load time: ready ops
 * are taken greedily while they share one side (accelerator-supported or
 * not), which yields maximal partitions that keep dependency order; then the
 * largest `max_partitions` supported partitions with at least
 * `min_partition_ops` ops stay on the accelerator and everything else falls
 * back to the CPU. Returns, per op, whether it runs on the accelerator.
 */
export function placeOnAccelerator(
  graph: Graph,
  supported: readonly boolean[],
  partitioning: BackendSpec["partitioning"],
): boolean[] {
  const count = graph.ops.length;
  if (partitioning.all_or_nothing && supported.some((ok) => !ok))
    return new Array<boolean>(count).fill(false);
  const partitions = supportedPartitions(graph, supported);
  partitions.sort((a, b) => b.length - a.length);
  const kept = partitions.filter((partition) => partition.length >= partitioning.min_partition_ops);
  const limit = partitioning.max_partitions === 0 ? kept.length : partitioning.max_partitions;
  const placed = new Array<boolean>(count).fill(false);
  for (const partition of kept.slice(0, limit)) for (const op of partition) placed[op] = true;
  return placed;
}

function supportedPartitions(graph: Graph, supported: readonly boolean[]): number[][] {
  const predecessors = predecessorsOf(graph);
  const successors = successorsOf(graph);
  const waiting = predecessors.map((list) => list.length);
  const ready: [number[], number[]] = [[], []];
  const side = (op: number) => (supported[op] ? 1 : 0);
  graph.ops.forEach((op) => {
    if (waiting[op.id] === 0) ready[side(op.id)]!.push(op.id);
  });
  const partitions: number[][] = [];
  let current = ready[0]!.length > 0 ? 0 : 1;
  let remaining = graph.ops.length;
  while (remaining > 0) {
    if (ready[current]!.length === 0) current = 1 - current;
    const subset: number[] = [];
    const queue = ready[current]!;
    while (queue.length > 0) {
      const op = queue.shift()!;
      subset.push(op);
      remaining--;
      for (const next of successors[op]!) {
        waiting[next] = waiting[next]! - 1;
        if (waiting[next] === 0) ready[side(next)]!.push(next);
      }
    }
    if (current === 1) partitions.push(subset);
    current = 1 - current;
  }
  return partitions;
}
