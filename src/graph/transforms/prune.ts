import { assembleGraph } from "../assemble.ts";
import { declarationOf } from "../declaration.ts";
import type { Graph, Op } from "../ir.ts";
import { ACTIVATION_KINDS, type OpKind } from "../op-kinds.ts";
import { consumersOf } from "../topology.ts";
import { type TransformResult, transformResult } from "./report.ts";

/** Kinds whose output has one channel per input channel: a pruned channel just passes through. */
const CHANNEL_FOLLOWING = new Set<OpKind>([
  ...ACTIVATION_KINDS,
  "batchnorm",
  "instance_norm",
  "max_pool",
  "avg_pool",
  "global_avg_pool",
  "pad",
  "resize",
  "depthwise_conv2d",
]);

/**
 * Channel pruning: every conv whose output channels only flow (through
 * per-channel ops) into ops that mix channels freely (a conv, a transposed
 * conv, an FC after pooling) keeps `1 − ratio` of its filters. Convs feeding
 * a residual add, a concat, a reshape or a model output are left alone,
 * since pruning them would need the same cut elsewhere. MACs never grow.
 */
export function pruneChannels(graph: Graph, ratio: number): TransformResult {
  if (!(ratio >= 0 && ratio < 1))
    throw new Error(`the pruning ratio must be in [0, 1), got ${ratio}`);
  const consumers = consumersOf(graph);
  const outputs = new Set(graph.outputs);
  const prunable = (tensorId: number, seen: Set<number>): boolean => {
    if (outputs.has(tensorId) || consumers[tensorId]!.length === 0) return false;
    return consumers[tensorId]!.every((opId) => {
      if (seen.has(opId)) return true;
      seen.add(opId);
      return absorbsFewerChannels(graph.ops[opId]!, graph, (next) => prunable(next, seen));
    });
  };
  const declaration = declarationOf(graph);
  let changed = 0;
  const ops = declaration.ops.map((op, index) => {
    const original = graph.ops[index]!;
    const channels = original.attrs.outChannels ?? 0;
    const kept = Math.max(1, Math.round(channels * (1 - ratio)));
    const eligible =
      original.kind === "conv2d" && (original.attrs.groups ?? 1) === 1 && kept < channels;
    if (!eligible || !prunable(original.outputs[0]!, new Set())) return op;
    changed++;
    return { ...op, attrs: { ...op.attrs, outChannels: kept } };
  });
  return transformResult(
    `pruning ${ratio}`,
    graph,
    assembleGraph({ ...declaration, ops }),
    changed,
  );
}

/** Whether `op` accepts fewer input channels, following channel-preserving ops with `downstream`. */
function absorbsFewerChannels(
  op: Op,
  graph: Graph,
  downstream: (tensorId: number) => boolean,
): boolean {
  if ((op.kind === "conv2d" || op.kind === "transposed_conv2d") && (op.attrs.groups ?? 1) === 1)
    return true;
  const input = graph.tensors[op.inputs[0]!]!.shape;
  if (op.kind === "flatten" && input.length === 4 && input[2] === 1 && input[3] === 1) {
    return downstream(op.outputs[0]!);
  }
  if (op.kind === "fully_connected") return input.length === 2;
  if (!CHANNEL_FOLLOWING.has(op.kind) || op.inputs.length !== 1) return false;
  // A depthwise conv with an explicit channel count would have to shrink with its input.
  if (op.kind === "depthwise_conv2d" && op.attrs.outChannels !== undefined) return false;
  return downstream(op.outputs[0]!);
}
