import type { Graph } from "../../graph/ir.ts";
import { OP_KINDS, type OpKind } from "../../graph/op-kinds.ts";
import type { OpCycles } from "../cost/op-cost.ts";
import { opCyclesOn, type SliceRequest, sliceCyclesOn } from "../cost/price.ts";
import type { Target } from "../cost/target.ts";
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
    if (graph.ops[op] === undefined) throw new Error(`graph "${graph.name}" has no op ${op}`);
    const cycles = opCyclesOn(soc, targetOf(targetId), graph, op);
    row[op] = cycles;
    return cycles;
  };
  const refuse = (op: number, target: string): never => {
    throw new Error(`op ${graph.ops[op]!.name} of "${graph.name}" cannot run on ${target}`);
  };
  return {
    supported: (op, target) => lookup(op, target) !== null,
    cycles: (op, target) => lookup(op, target) ?? refuse(op, target),
    sliceCycles: (op, target, slice: SliceRequest) =>
      sliceCyclesOn(soc, targetOf(target), graph, op, slice) ?? refuse(op, target),
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
