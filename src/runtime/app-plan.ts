import { cutBetween, DTYPE_BYTES, elementCount, type Graph, isSplittable } from "../graph/index.ts";
import type { ModelPlan } from "../sched/plan.ts";

/**
 * A model plan with the unit graph the runtime walks: which units feed
 * which, and how many bytes each edge carries.
 */
export interface UnitEdge {
  readonly from: number;
  readonly bytes: number;
}

export interface PlannedApp {
  readonly plan: ModelPlan;
  /** Units each unit waits for, with the bytes they hand over. */
  readonly inputs: readonly (readonly UnitEdge[])[];
  readonly successors: readonly (readonly number[])[];
  /** Bytes of graph outputs each unit produces (returned to the CPU at the end). */
  readonly outputBytes: readonly number[];
  /** Bytes of graph inputs each unit reads: the request's input, on the CPU when it arrives. */
  readonly graphInputBytes: readonly number[];
  readonly sources: readonly number[];
}

export function planUnitGraph(graph: Graph, plan: ModelPlan, describe: string): PlannedApp {
  const unitOfOp = new Array<number>(graph.ops.length).fill(-1);
  plan.units.forEach((unit, index) => {
    if (unit.id !== index) throw new Error(`${describe}: unit ids must be 0..n-1 in order`);
    for (const op of unit.ops) {
      if (!Number.isInteger(op) || unitOfOp[op] === undefined)
        throw new Error(
          `${describe}: unit ${index} names op ${JSON.stringify(op)}, which the model has not (op ids are 0..${graph.ops.length - 1})`,
        );
      if (unitOfOp[op] !== -1) throw new Error(`${describe}: op ${op} is in two units`);
      unitOfOp[op] = index;
    }
  });
  for (const subgraph of plan.preparedSubgraphs ?? []) {
    const stray = subgraph.ops.find((op) => unitOfOp[op] === undefined);
    if (stray !== undefined)
      throw new Error(
        `${describe}: a prepared subgraph names op ${stray}, which the model has not`,
      );
  }
  const missing = unitOfOp.indexOf(-1);
  if (missing >= 0) throw new Error(`${describe}: op ${graph.ops[missing]!.name} is in no unit`);
  for (const unit of plan.units) {
    for (const option of unit.options) {
      if (option.slices.length < 2) continue;
      const axis = option.slices[0]!.axis ?? "channels";
      const whole = unit.ops.find((op) => !isSplittable(graph.ops[op]!.kind, axis));
      if (whole !== undefined)
        throw new Error(
          `${describe}: unit ${unit.id} splits op ${graph.ops[whole]!.name} (${graph.ops[whole]!.kind}) along ${axis}, which that kind cannot be`,
        );
    }
  }
  const cut = cutBetween(graph, unitOfOp);
  const inputs = plan.units.map(() => new Map<number, number>());
  for (const tensor of cut.tensors) {
    for (const to of tensor.to)
      inputs[to]!.set(tensor.from, (inputs[to]!.get(tensor.from) ?? 0) + tensor.bytes);
  }
  const successors = plan.units.map(() => [] as number[]);
  const edges = inputs.map((byFrom, to) => {
    const list = [...byFrom.entries()].map(([from, bytes]) => ({ from, bytes }));
    for (const edge of list) successors[edge.from]!.push(to);
    return list;
  });
  const outputBytes = plan.units.map(() => 0);
  for (const tensorId of graph.outputs) {
    const tensor = graph.tensors[tensorId]!;
    if (tensor.producer >= 0) {
      outputBytes[unitOfOp[tensor.producer]!]! +=
        elementCount(tensor.shape) * DTYPE_BYTES[tensor.dtype];
    }
  }
  const graphInputBytes = plan.units.map((unit) => {
    const read = new Set<number>();
    for (const opId of unit.ops)
      for (const tensorId of graph.ops[opId]!.inputs)
        if (graph.tensors[tensorId]!.producer < 0 && graph.inputs.includes(tensorId))
          read.add(tensorId);
    let bytes = 0;
    for (const tensorId of read) {
      const tensor = graph.tensors[tensorId]!;
      bytes += elementCount(tensor.shape) * DTYPE_BYTES[tensor.dtype];
    }
    return bytes;
  });
  const sources = edges.flatMap((list, unit) => (list.length === 0 ? [unit] : []));
  checkAcyclic(edges, successors, sources, describe);
  return { plan, inputs: edges, successors, outputBytes, graphInputBytes, sources };
}

/** Units that wait for each other in a circle would never run: a plan bug, caught at load. */
function checkAcyclic(
  inputs: readonly (readonly UnitEdge[])[],
  successors: readonly (readonly number[])[],
  sources: readonly number[],
  describe: string,
): void {
  const waiting = inputs.map((list) => list.length);
  const stack = [...sources];
  let reached = 0;
  while (stack.length > 0) {
    const unit = stack.pop()!;
    reached++;
    for (const next of successors[unit]!) if (--waiting[next]! === 0) stack.push(next);
  }
  if (reached < inputs.length)
    throw new Error(`${describe}: the plan's units depend on each other in a cycle`);
}
