import type { Graph } from "./ir.ts";
import type { DType } from "./op-kinds.ts";

/** The element type a graph's ops compute in when they share one, else "mixed" (as results.json labels it). */
export function dtypeLabel(graph: Graph): DType | "mixed" {
  const dtypes = new Set(graph.ops.map((op) => op.dtype));
  return dtypes.size === 1 ? [...dtypes][0]! : "mixed";
}
