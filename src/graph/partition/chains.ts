import type { Graph } from "../ir.ts";
import { predecessorsOf, successorsOf } from "../topology.ts";

/**
 * Maximal linear runs of ops: inside a chain each op feeds only the next,
 * and the next reads only from it (among ops). Every op is in exactly one
 * chain; single ops at forks and joins are chains of one. Chains are what
 * an inter-op pipeline or a fusion pass treats as one unit.
 */
export function operatorChains(graph: Graph): number[][] {
  const predecessors = predecessorsOf(graph);
  const successors = successorsOf(graph);
  const outputs = new Set(graph.outputs);
  const continuesTo = (op: number): number | undefined => {
    const next = successors[op]!;
    if (next.length !== 1 || predecessors[next[0]!]!.length !== 1) return undefined;
    // A tensor the model returns must stay visible, so the chain ends there.
    if (graph.ops[op]!.outputs.some((tensor) => outputs.has(tensor))) return undefined;
    return next[0];
  };
  const hasChainPredecessor = graph.ops.map(() => false);
  for (const op of graph.ops) {
    const next = continuesTo(op.id);
    if (next !== undefined) hasChainPredecessor[next] = true;
  }
  const chains: number[][] = [];
  for (const op of graph.ops) {
    if (hasChainPredecessor[op.id]) continue;
    const chain = [op.id];
    for (let next = continuesTo(op.id); next !== undefined; next = continuesTo(next))
      chain.push(next);
    chains.push(chain);
  }
  return chains;
}
