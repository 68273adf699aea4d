import type { Graph, Op } from "../ir.ts";
import { predecessorsOf, successorsOf } from "../topology.ts";

/** A set of ops run as one unit; `ops` are op ids in topological order. */
export interface Partition {
  readonly ops: readonly number[];
  /** Whether the predicate held for these ops (e.g. "this processor supports them"). */
  readonly supported: boolean;
}

/**
 * Cuts a graph into maximal connected runs of ops on which `isSupported`
 * agrees, the way a delegating runtime cuts a model into accelerator and
 * CPU partitions. Every op lands in exactly one partition, and the
 * partitions, taken as units, still form a DAG (listed in a topological
 * order): a supported set that could only be merged through an unsupported
 * op in between stays split.
 *
 * Method: repeatedly take every ready op of the current class (ready = all
 * producers placed), letting newly ready ops of that class join, then switch
 * class; each such wave depends only on earlier waves. A wave may hold
 * unrelated ops, so it is finally split into its connected components.
 */
export function partitionByPredicate(graph: Graph, isSupported: (op: Op) => boolean): Partition[] {
  const count = graph.ops.length;
  if (count === 0) return [];
  const supported = graph.ops.map((op) => isSupported(op));
  const predecessors = predecessorsOf(graph);
  const successors = successorsOf(graph);
  const waiting = predecessors.map((producers) => producers.length);
  const ready: [number[], number[]] = [[], []];
  for (let op = 0; op < count; op++) if (waiting[op] === 0) ready[supported[op] ? 1 : 0].push(op);

  const waves: { ops: number[]; supported: boolean }[] = [];
  let current = supported[0] ? 1 : 0;
  let placed = 0;
  while (placed < count) {
    if (ready[current]!.length === 0) current = 1 - current;
    const wave: number[] = [];
    const queue = ready[current]!;
    ready[current] = [];
    for (let head = 0; head < queue.length; head++) {
      const op = queue[head]!;
      wave.push(op);
      placed++;
      for (const successor of successors[op]!) {
        if (--waiting[successor]! === 0) {
          const successorClass = supported[successor] ? 1 : 0;
          (successorClass === current ? queue : ready[successorClass]!).push(successor);
        }
      }
    }
    waves.push({ ops: wave, supported: current === 1 });
    current = 1 - current;
  }
  return waves.flatMap((wave) =>
    connectedComponents(wave.ops, predecessors).map((ops) => ({ ops, supported: wave.supported })),
  );
}

/** Weakly connected components of `ops` using only edges between them, each sorted, ordered by first op. */
function connectedComponents(
  ops: readonly number[],
  predecessors: readonly (readonly number[])[],
): number[][] {
  const parent = new Map<number, number>(ops.map((op) => [op, op]));
  const find = (op: number): number => {
    let root = op;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(op, root);
    return root;
  };
  for (const op of ops) {
    for (const producer of predecessors[op]!) {
      if (parent.has(producer)) parent.set(find(op), find(producer));
    }
  }
  const groups = new Map<number, number[]>();
  for (const op of [...ops].sort((a, b) => a - b)) {
    const root = find(op);
    const group = groups.get(root);
    if (group) group.push(op);
    else groups.set(root, [op]);
  }
  return [...groups.values()];
}

/** Partition index of every op, from a list of partitions. */
export function partitionIndexOf(
  graph: Graph,
  partitions: readonly { readonly ops: readonly number[] }[],
): number[] {
  const index = graph.ops.map(() => -1);
  partitions.forEach((partition, position) => {
    for (const op of partition.ops) index[op] = position;
  });
  return index;
}
