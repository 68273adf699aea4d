import type { Graph, OpAttributes, OpPlacement } from "./ir.ts";
import type { DType } from "./op-kinds.ts";

/**
 * A model as written by a user or a builder: ops refer to tensors by name,
 * in any order. `assembleGraph` turns it into a validated Graph.
 */
export interface OpDeclaration {
  readonly name: string;
  /** Checked against OP_KINDS when assembled, so a typo gets a "did you mean". */
  readonly kind: string;
  /** Names of the activation tensors read (graph inputs or other ops' outputs). */
  readonly inputs: readonly string[];
  /** Names of the tensors written; by default the op's name (`name:0`, `name:1`, ... for several). */
  readonly outputs?: readonly string[];
  readonly attrs: OpAttributes;
  /** Overrides the graph's dtype for this op and the tensors it writes (mixed precision). */
  readonly dtype?: DType;
  /** Carried onto the op unchanged (see OpPlacement). */
  readonly placement?: OpPlacement;
}

export interface InputDeclaration {
  readonly name: string;
  readonly shape: readonly number[];
}

export interface GraphDeclaration {
  readonly name: string;
  readonly dtype: DType;
  readonly inputs: readonly InputDeclaration[];
  readonly ops: readonly OpDeclaration[];
  /** Tensors the model returns; by default every tensor no op reads. */
  readonly outputs?: readonly string[];
}

/** The declaration a graph was (or could have been) assembled from: transforms edit this and reassemble. */
export function declarationOf(graph: Graph): GraphDeclaration {
  const dtype = graph.tensors[graph.inputs[0] ?? -1]?.dtype ?? graph.ops[0]?.dtype ?? "fp32";
  const nameOf = (tensorId: number) => graph.tensors[tensorId]!.name;
  return {
    name: graph.name,
    dtype,
    inputs: graph.inputs.map((id) => ({ name: nameOf(id), shape: graph.tensors[id]!.shape })),
    ops: graph.ops.map((op) => ({
      name: op.name,
      kind: op.kind,
      inputs: op.inputs.map(nameOf),
      outputs: op.outputs.map(nameOf),
      attrs: op.attrs,
      ...(op.dtype === dtype ? {} : { dtype: op.dtype }),
      ...(op.placement ? { placement: op.placement } : {}),
    })),
    outputs: graph.outputs.map(nameOf),
  };
}
