import type { Graph } from "../../graph/ir.ts";
import { DTYPE_BYTES, type DType, type OpKind } from "../../graph/op-kinds.ts";
import { partitionByPredicate } from "../../graph/partition/by-predicate.ts";
import { consumersOf } from "../../graph/topology.ts";
import { type OpFeatures, opFeatures } from "../cost/op-features.ts";
import { sharedPlacement } from "../cost/shared-costs.ts";
import { computeDtype, isSupported } from "../cost/support.ts";
import { DTYPE_INDEX, KIND_INDEX, type Target } from "../cost/target.ts";
import type { SocSpec } from "../load-soc.ts";
import type { BackendSpec } from "../schema/framework-schema.ts";

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
  /** Tensors crossing between the CPU and the accelerator (graph inputs and outputs included). */
  readonly crossings: readonly Crossing[];
}

/** A tensor moved once into the side that reads it but did not write it. */
export interface Crossing {
  readonly bytes: number;
  readonly dtype: DType;
  readonly toAccelerator: boolean;
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
  return sharedPlacement(soc, graph, target, fallback, () => place(soc, graph, target, fallback));
}

function place(soc: SocSpec, graph: Graph, target: Target, fallback: Target): Placement {
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

/**
 * Which ops a delegating framework keeps on the accelerator, decided at load
 * time: the graph layer's partitions by support, of which the largest
 * `max_partitions` supported ones with at least `min_partition_ops` ops stay
 * on the accelerator and everything else falls back to the CPU.
 */
function placeOnAccelerator(
  graph: Graph,
  supported: readonly boolean[],
  partitioning: BackendSpec["partitioning"],
): boolean[] {
  const placed = new Array<boolean>(graph.ops.length).fill(false);
  if (partitioning.all_or_nothing && supported.some((ok) => !ok)) return placed;
  const kept = partitionByPredicate(graph, (op) => supported[op.id]!)
    .filter(
      (partition) => partition.supported && partition.ops.length >= partitioning.min_partition_ops,
    )
    .sort((a, b) => b.ops.length - a.ops.length);
  const limit = partitioning.max_partitions === 0 ? kept.length : partitioning.max_partitions;
  for (const partition of kept.slice(0, limit)) for (const op of partition.ops) placed[op] = true;
  return placed;
}

function crossings(graph: Graph, target: Target, onTarget: readonly boolean[]) {
  const found: Crossing[] = [];
  if (target.kind === "cpu") return { crossings: found };
  const sideOf = (tensorId: number) => {
    const producer = graph.tensors[tensorId]!.producer;
    return producer >= 0 && onTarget[producer] === true;
  };
  const bytesOf = (tensorId: number) => {
    const tensor = graph.tensors[tensorId]!;
    return tensor.shape.reduce((product, dim) => product * dim, 1) * DTYPE_BYTES[tensor.dtype];
  };
  const crossed = new Set<string>();
  const cross = (tensorId: number, toAccelerator: boolean) => {
    const key = `${tensorId}:${toAccelerator}`;
    if (crossed.has(key)) return;
    crossed.add(key);
    found.push({ bytes: bytesOf(tensorId), dtype: graph.tensors[tensorId]!.dtype, toAccelerator });
  };
  for (const op of graph.ops) {
    for (const tensorId of op.inputs)
      if (sideOf(tensorId) !== onTarget[op.id]) cross(tensorId, onTarget[op.id]!);
  }
  // The outputs come back together, in one read-back (as the runtime returns a request's result).
  const outputBytes = graph.outputs
    .filter((tensorId) => sideOf(tensorId) && !crossed.has(`${tensorId}:false`))
    .reduce((sum, tensorId) => sum + bytesOf(tensorId), 0);
  if (outputBytes > 0)
    found.push({
      bytes: outputBytes,
      dtype: graph.tensors[graph.outputs[0]!]!.dtype,
      toAccelerator: false,
    });
  return { crossings: found };
}
