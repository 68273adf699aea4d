import { costedOp } from "./assemble.ts";
import { GraphError } from "./graph-error.ts";
import type { Graph } from "./ir.ts";
import { KIND_RULES, type RuleContext } from "./kinds/index.ts";
import { formatShape, sameShape } from "./shape.ts";

const COST_FIELDS = [
  "macs",
  "flops",
  "params",
  "weightBytes",
  "inputBytes",
  "outputBytes",
] as const;

/**
 * Checks a Graph built by hand or by a transform against everything
 * `assembleGraph` guarantees: ids match positions, ops are in a topological
 * order, each tensor has one producer, shapes are those the kind rules infer
 * and the cost figures are those the rules compute. Throws a GraphError.
 */
export function validateGraph(graph: Graph): void {
  graph.tensors.forEach((tensor, index) => {
    if (tensor.id !== index)
      throw new GraphError(`tensor "${tensor.name}" has id ${tensor.id} at position ${index}`);
  });
  const written = new Set<number>(graph.inputs);
  for (const id of graph.inputs) {
    if (graph.tensors[id]?.producer !== -1)
      throw new GraphError(`graph input ${id} is not a producer-less tensor`);
  }
  graph.ops.forEach((op, index) => {
    if (op.id !== index)
      throw new GraphError(`op "${op.name}" has id ${op.id} at position ${index}`, index);
    for (const tensorId of op.inputs) {
      if (!written.has(tensorId)) {
        const tensor = graph.tensors[tensorId];
        const what = tensor ? `tensor "${tensor.name}"` : `missing tensor ${tensorId}`;
        throw new GraphError(
          `op "${op.name}" reads ${what} before anything writes it (not a topological order, or a cycle)`,
          index,
        );
      }
    }
    for (const tensorId of op.outputs) {
      const tensor = graph.tensors[tensorId];
      if (tensor === undefined || tensor.producer !== op.id || written.has(tensorId)) {
        throw new GraphError(
          `op "${op.name}" writes tensor ${tensorId}, which has another producer`,
          index,
        );
      }
      written.add(tensorId);
    }
    const context: RuleContext = {
      inputs: op.inputs.map((id) => ({
        shape: graph.tensors[id]!.shape,
        from: graph.tensors[id]!.name,
      })),
      attrs: op.attrs,
      fail: (message) => {
        throw new GraphError(`op "${op.name}" (${op.kind}): ${message}`, index);
      },
    };
    const inferred = KIND_RULES[op.kind].infer(context);
    op.outputs.forEach((tensorId, slot) => {
      const shape = graph.tensors[tensorId]!.shape;
      if (!sameShape(shape, inferred[slot] ?? [])) {
        throw new GraphError(
          `op "${op.name}" (${op.kind}): output ${formatShape(shape)} should be ${formatShape(inferred[slot] ?? [])}`,
          index,
        );
      }
    });
    const expected = costedOp(
      op.id,
      op.name,
      op.kind,
      op.dtype,
      op.attrs,
      op.inputs,
      op.outputs,
      (id) => graph.tensors[id]!,
    );
    for (const field of COST_FIELDS) {
      if (op[field] !== expected[field]) {
        throw new GraphError(
          `op "${op.name}" (${op.kind}): ${field} is ${op[field]}, the rules give ${expected[field]}`,
          index,
        );
      }
    }
  });
  for (const id of graph.outputs) {
    if (!written.has(id)) throw new GraphError(`graph output ${id} is not a tensor of the graph`);
  }
}
