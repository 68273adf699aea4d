import type { Graph } from "../ir.ts";
import { successorsOf } from "../topology.ts";

/** Ops between a fork and the op where its paths meet again, grouped into independent branches. */
export interface ParallelBranches {
  /** The op whose output several ops read. */
  readonly fork: number;
  /** The first op every path from the fork goes through; undefined when the paths end as separate outputs. */
  readonly join: number | undefined;
  /**
   * Op ids of each branch (topological order). A branch is empty when the
   * fork feeds the join directly (a residual shortcut). Branches share no op.
   */
  readonly branches: readonly (readonly number[])[];
}

/**
 * The parallel branches of a graph: for every fork, the branches that run
 * independently until its immediate post-dominator (the join). Inception
 * blocks give four branches, a residual unit a branch and an empty shortcut.
 */
export function parallelBranches(graph: Graph): ParallelBranches[] {
  const successors = successorsOf(graph);
  const exit = graph.ops.length;
  const postDominator = immediatePostDominators(successors, exit);
  const result: ParallelBranches[] = [];
  for (const op of graph.ops) {
    const next = successors[op.id]!;
    if (next.length < 2) continue;
    const join = postDominator[op.id]!;
    const reached = next.map((start) => opsBefore(start, join, successors));
    const branches = mergeOverlapping(reached);
    if (branches.length >= 2) {
      result.push({ fork: op.id, join: join === exit ? undefined : join, branches });
    }
  }
  return result;
}

/**
 * Cooper–Harvey–Kennedy on the reversed DAG: ops come in a topological
 * order (ids), so walking them backwards visits every successor first. A
 * virtual exit node (id = op count) follows every sink.
 */
function immediatePostDominators(
  successors: readonly (readonly number[])[],
  exit: number,
): number[] {
  const dominator = new Array<number>(exit + 1).fill(-1);
  dominator[exit] = exit;
  // Higher id = closer to the exit; the exit is the highest of all.
  const intersect = (first: number, second: number): number => {
    let a = first;
    let b = second;
    while (a !== b) {
      while (a < b) a = dominator[a]!;
      while (b < a) b = dominator[b]!;
    }
    return a;
  };
  for (let op = exit - 1; op >= 0; op--) {
    const next = successors[op]!.length > 0 ? successors[op]! : [exit];
    dominator[op] = next.reduce((found, candidate) => intersect(found, candidate));
  }
  return dominator;
}

/** Ops reachable from `start` without passing through `stop`, sorted. */
function opsBefore(
  start: number,
  stop: number,
  successors: readonly (readonly number[])[],
): number[] {
  if (start === stop) return [];
  const seen = new Set<number>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const op = stack.pop()!;
    for (const next of successors[op]!) {
      if (next !== stop && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/** Branches that share an op are one branch. */
function mergeOverlapping(sets: readonly number[][]): number[][] {
  const merged: Set<number>[] = [];
  for (const set of sets) {
    let target: Set<number> | undefined =
      set.length === 0 ? undefined : merged.find((group) => set.some((op) => group.has(op)));
    if (target === undefined) {
      target = new Set(set);
      merged.push(target);
    } else {
      for (const op of set) target.add(op);
      // A union may now overlap groups merged earlier.
      for (let index = merged.length - 1; index >= 0; index--) {
        const other = merged[index]!;
        if (other !== target && [...other].some((op) => target!.has(op))) {
          for (const op of other) target.add(op);
          merged.splice(index, 1);
        }
      }
    }
  }
  return merged.map((group) => [...group].sort((a, b) => a - b));
}
