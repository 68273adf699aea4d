import type { Graph } from "../../graph/ir.ts";
import { DTYPE_BYTES, type OpKind } from "../../graph/op-kinds.ts";
import { consumersOf } from "../../graph/topology.ts";
import { type OpFeatures, opFeatures } from "../cost/op-features.ts";
import { computeDtype, isSupported } from "../cost/support.ts";
import { DTYPE_INDEX, KIND_INDEX, type Target } from "../cost/target.ts";
import type { SocSpec } from "../load-soc.ts";
import { placeOnAccelerator } from "./partition.ts";

/**
 * Where each op of a graph runs when a framework targets one processor, and
 * what each op asks of the target it lands on. Nothing here depends on a
 * fitted coefficient, so the fit computes a placement once per row.
 */
export interface Placement {
  readonly graph: Graph;
  readonly target: Target;
  /** The framework's whole-CPU configuration, where unsupported ops fall back. */
  readonly fallback: Target;
  readonly onTarget: readonly boolean[];
  /** Ops that run inside their producer's kernel. */
  readonly fused: readonly boolean[];
  readonly features: readonly OpFeatures[];
  readonly kindIndex: Int32Array;
  readonly dtypeIndex: Int32Array;
  readonly supportedOps: number;
  readonly fallbackOps: number;
  /** Bytes crossing between the CPU and the accelerator (graph inputs and outputs included). */
  readonly crossingBytes: number;
  /** Crossings that also convert layout or precision. */
  readonly convertedBytes: number;
  /** Times execution switches between CPU and accelerator, counting upload and download. */
  readonly switches: number;
}

const PRODUCER_KINDS: ReadonlySet<OpKind> = new Set([
  "conv2d",
  "depthwise_conv2d",
  "transposed_conv2d",
  "fully_connected",
  "matmul",
]);

export function placeGraph(
  soc: SocSpec,
  graph: Graph,
  target: Target,
  fallback: Target,
): Placement {
  const ops = graph.ops;
  const onTarget =
    target.kind === "cpu"
      ? ops.map(() => true)
      : placeOnAccelerator(
          graph,
          ops.map((op) => isSupported(soc, target, op, graph)),
          target.backend.partitioning,
        );
  const where = (op: number) => (onTarget[op] ? target : fallback);
  const consumers = consumersOf(graph);
  const fused: boolean[] = [];
  for (const op of ops) {
    const runner = where(op.id);
    fused[op.id] =
      runner.fused.has(op.kind) &&
      op.inputs.some((tensorId) => {
        const producer = graph.tensors[tensorId]!.producer;
        if (producer < 0 || onTarget[producer] !== onTarget[op.id]) return false;
        const feedsOnlyThis = consumers[tensorId]!.length === 1;
        return (
          feedsOnlyThis &&
          (runner.backend.fuse_into === "any" ||
            PRODUCER_KINDS.has(ops[producer]!.kind) ||
            fused[producer] === true)
        );
      });
  }
  const kindIndex = new Int32Array(ops.length);
  const dtypeIndex = new Int32Array(ops.length);
  const features = ops.map((op) => {
    const runner = where(op.id);
    const dtype = computeDtype(soc, runner, op)!;
    kindIndex[op.id] = KIND_INDEX.get(op.kind)!;
    dtypeIndex[op.id] = DTYPE_INDEX.get(dtype)!;
    return opFeatures(op, graph, dtype, runner.backend.tile);
  });
  const supportedOps = onTarget.filter(Boolean).length;
  return {
    graph,
    target,
    fallback,
    onTarget,
    fused,
    features,
    kindIndex,
    dtypeIndex,
    supportedOps,
    fallbackOps: ops.length - supportedOps,
    ...crossings(graph, target, onTarget),
  };
}

function crossings(graph: Graph, target: Target, onTarget: readonly boolean[]) {
  if (target.kind === "cpu") return { crossingBytes: 0, convertedBytes: 0, switches: 0 };
  const converts = target.kind !== "gpu" || target.backend.memory === "image";
  const tensorBytes = (tensorId: number) => {
    const tensor = graph.tensors[tensorId]!;
    return tensor.shape.reduce((product, dim) => product * dim, 1) * DTYPE_BYTES[tensor.dtype];
  };
  const sideOf = (tensorId: number) => {
    const producer = graph.tensors[tensorId]!.producer;
    return producer >= 0 && onTarget[producer] === true;
  };
  // A tensor crosses once into each side that reads it but did not write it.
  const crossed = new Set<string>();
  let crossingBytes = 0;
  let convertedBytes = 0;
  const cross = (tensorId: number, toAccelerator: boolean) => {
    const key = `${tensorId}:${toAccelerator}`;
    if (crossed.has(key)) return;
    crossed.add(key);
    const bytes = tensorBytes(tensorId);
    crossingBytes += bytes;
    const precisionChanges =
      target.backend.precision[graph.tensors[tensorId]!.dtype] !== graph.tensors[tensorId]!.dtype;
    if (converts || precisionChanges) convertedBytes += bytes;
  };
  for (const op of graph.ops) {
    for (const tensorId of op.inputs)
      if (sideOf(tensorId) !== onTarget[op.id]) cross(tensorId, onTarget[op.id]!);
  }
  for (const tensorId of graph.outputs) if (sideOf(tensorId)) cross(tensorId, false);
  let switches = 0;
  let previous = false;
  for (const op of graph.ops) {
    if (onTarget[op.id] !== previous) switches++;
    previous = onTarget[op.id]!;
  }
  if (previous) switches++;
  return { crossingBytes, convertedBytes, switches };
}
