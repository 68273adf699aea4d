import type { Graph, Op } from "../../graph/ir.ts";
import type { DType, OpKind } from "../../graph/op-kinds.ts";
import type { SocSpec } from "../load-soc.ts";
import type { BackendSpec } from "../schema/framework-schema.ts";
import type { OpConstraint, SupportSpec } from "../schema/processor-schema.ts";
import type { Target } from "./target.ts";

/**
 * Whether a target can run an op: the framework back-end must map the op's
 * dtype to a compute dtype the processor has, and both the processor's
 * support table and the back-end must accept the kind and its shape. A CPU
 * target runs everything (it is where the rest falls back), promoting a
 * dtype its cores lack to fp32.
 */

/** The dtype the op is computed in on this target, or undefined when the target cannot run it. */
export function computeDtype(soc: SocSpec, target: Target, op: Op): DType | undefined {
  const int8Kinds = target.backend.int8_ops;
  const floatPath = op.dtype === "int8" && int8Kinds !== undefined && !int8Kinds.includes(op.kind);
  const mapped = target.backend.precision[floatPath ? "fp32" : op.dtype];
  const processor = soc.processors[target.domains[0]!]!;
  const native = (dtype: DType) =>
    processor.support.dtypes.includes(dtype) && processor.macs_per_cycle[dtype] !== undefined;
  if (target.kind === "cpu") return mapped !== undefined && native(mapped) ? mapped : "fp32";
  return mapped !== undefined && native(mapped) ? mapped : undefined;
}

function accepts(
  table: Pick<SupportSpec | BackendSpec, "ops" | "except" | "constraints">,
  op: Op,
  graph: Graph,
): boolean {
  if (table.ops !== "all" && !table.ops.includes(op.kind)) return false;
  if (table.except.includes(op.kind)) return false;
  const constraint = table.constraints[op.kind as OpKind];
  return constraint === undefined || meets(constraint, op, graph);
}

function meets(constraint: OpConstraint, op: Op, graph: Graph): boolean {
  const { kernel, stride, dilation, groups } = op.attrs;
  if (
    constraint.kernel_sizes &&
    kernel &&
    !(kernel[0] === kernel[1] && constraint.kernel_sizes.includes(kernel[0]))
  ) {
    return false;
  }
  if (
    constraint.max_stride !== undefined &&
    stride &&
    Math.max(stride[0], stride[1]) > constraint.max_stride
  )
    return false;
  if (
    constraint.dilations &&
    dilation &&
    !(constraint.dilations.includes(dilation[0]) && constraint.dilations.includes(dilation[1]))
  ) {
    return false;
  }
  if (constraint.grouped === false && groups !== undefined && groups > 1) return false;
  if (constraint.max_output_size !== undefined) {
    const shape = graph.tensors[op.outputs[0]!]!.shape;
    const height = shape[2] ?? 1;
    const width = shape[3] ?? 1;
    if (Math.max(height, width) > constraint.max_output_size) return false;
  }
  return true;
}

export function isSupported(soc: SocSpec, target: Target, op: Op, graph: Graph): boolean {
  if (target.kind === "cpu") return true;
  if (computeDtype(soc, target, op) === undefined) return false;
  const processor = soc.processors[target.domains[0]!]!;
  return accepts(processor.support, op, graph) && accepts(target.backend, op, graph);
}
