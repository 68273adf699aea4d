import { type Graph, totalsOf } from "../graph/index.ts";
import type { PlannedApp } from "./app-plan.ts";

/**
 * What a planned app keeps resident (results.json `memory_bytes`): the
 * model's weights once on the host, plus a copy of a unit's weights for each
 * accelerator one of its options runs on (a delegate holds its own); every
 * op's output (an arena without reuse, an upper bound); and at each unit
 * boundary a copy of the tensors crossing it. A subgraph the policy prepares
 * beyond its units (Band's merged ranges) is compiled on its own: its own
 * arena of its ops' outputs, and on an accelerator its own weight copy (CPU
 * kernels read the host's weights in place). Many small subgraphs pay in the
 * boundary and per-accelerator terms (ADMS's argument against Band), many
 * prepared ranges in the last.
 */
export function residentBytes(
  graph: Graph,
  planned: PlannedApp,
  isAccelerator: (target: string) => boolean,
): number {
  const totals = totalsOf(graph.ops);
  const opsOf = (ids: readonly number[]) => ids.map((op) => graph.ops[op]!);
  let accelerated = 0;
  for (const unit of planned.plan.units) {
    const accelerators = new Set(
      unit.options.flatMap((option) =>
        option.slices.map((slice) => slice.target).filter(isAccelerator),
      ),
    );
    if (accelerators.size === 0) continue;
    accelerated += totalsOf(opsOf(unit.ops)).weightBytes * accelerators.size;
  }
  let boundaries = 0;
  for (const edges of planned.inputs) for (const edge of edges) boundaries += edge.bytes;
  let prepared = 0;
  for (const subgraph of planned.plan.preparedSubgraphs ?? []) {
    const own = totalsOf(opsOf(subgraph.ops));
    prepared += own.outputBytes + (isAccelerator(subgraph.target) ? own.weightBytes : 0);
  }
  return totals.weightBytes + accelerated + totals.outputBytes + boundaries + prepared;
}

/** Subgraphs the app keeps compiled (results.json `subgraphs`): its units and any prepared beyond them. */
export function subgraphCount(planned: PlannedApp): number {
  return planned.plan.units.length + (planned.plan.preparedSubgraphs?.length ?? 0);
}
