import type { RandomStream } from "../core/index.ts";
import type { Graph } from "../graph/index.ts";

/**
 * The seed study's σ4 what-if: a seeded fraction of the ops is forced to the
 * CPU, as if the accelerator's support table lacked them. Returns, per op,
 * whether it is forced off every accelerator.
 */
export function forcedCpuOps(graph: Graph, fraction: number, random: RandomStream): boolean[] {
  if (fraction <= 0) return graph.ops.map(() => false);
  return graph.ops.map(() => random.random() < fraction);
}
