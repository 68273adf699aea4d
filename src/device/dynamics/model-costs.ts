import type { Graph } from "../../graph/ir.ts";
import { OP_KINDS, type OpKind } from "../../graph/op-kinds.ts";
import { type OpCycles, opCycles } from "../cost/op-cost.ts";
import { opFeatures } from "../cost/op-features.ts";
import { computeDtype, isSupported } from "../cost/support.ts";
import { DTYPE_INDEX, KIND_INDEX, type Target } from "../cost/target.ts";
import type { SocSpec } from "../load-soc.ts";
import type { ModelCosts } from "./device-api.ts";

/** Cycle counts of a graph's ops on the device's targets, each computed on first use. */
export function modelCosts(
  soc: SocSpec,
  targetOf: (id: string) => Target,
  graph: Graph,
): ModelCosts {
  const cache = new Map<string, (OpCycles | null | undefined)[]>();
  const lookup = (op: number, targetId: string): OpCycles | null => {
    let row = cache.get(targetId);
    if (row === undefined) {
      row = new Array(graph.ops.length);
      cache.set(targetId, row);
    }
    const known = row[op];
    if (known !== undefined) return known;
    const target = targetOf(targetId);
    const node = graph.ops[op];
    if (node === undefined) throw new Error(`graph "${graph.name}" has no op ${op}`);
    let cycles: OpCycles | null = null;
    if (isSupported(soc, target, node, graph)) {
      const dtype = computeDtype(soc, target, node)!;
      const features = opFeatures(node, graph, dtype, target.backend.tile);
      cycles = opCycles(target, features, KIND_INDEX.get(node.kind)!, DTYPE_INDEX.get(dtype)!);
    }
    row[op] = cycles;
    return cycles;
  };
  return {
    supported: (op, target) => lookup(op, target) !== null,
    cycles(op, target) {
      const cycles = lookup(op, target);
      if (cycles === null)
        throw new Error(`op ${graph.ops[op]!.name} of "${graph.name}" cannot run on ${target}`);
      return cycles;
    },
  };
}

/** Op kinds a framework's back-end and the processor both accept (shape constraints aside). */
export function supportedKinds(soc: SocSpec, framework: string, processorId: string): Set<OpKind> {
  const processor = soc.processors[processorId]!;
  if (processor.kind === "cpu") return new Set(OP_KINDS);
  const backend = soc.frameworks[framework]?.backends[processor.kind];
  if (backend === undefined) return new Set();
  const accepts =
    (table: { ops: "all" | readonly OpKind[]; except: readonly OpKind[] }) => (kind: OpKind) =>
      (table.ops === "all" || table.ops.includes(kind)) && !table.except.includes(kind);
  return new Set(
    OP_KINDS.filter((kind) => accepts(processor.support)(kind) && accepts(backend)(kind)),
  );
}
