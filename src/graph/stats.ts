import type { Graph, Op } from "./ir.ts";
import { DTYPE_BYTES } from "./op-kinds.ts";
import { elementCount } from "./shape.ts";
import { predecessorsOf } from "./topology.ts";

/** Sums over a set of ops (a whole graph, a partition, what a transform changed). */
export interface Totals {
  readonly ops: number;
  readonly macs: number;
  readonly flops: number;
  readonly params: number;
  readonly weightBytes: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
}

export function totalsOf(ops: Iterable<Op>): Totals {
  let count = 0;
  let macs = 0;
  let flops = 0;
  let params = 0;
  let weightBytes = 0;
  let inputBytes = 0;
  let outputBytes = 0;
  for (const op of ops) {
    count++;
    macs += op.macs;
    flops += op.flops;
    params += op.params;
    weightBytes += op.weightBytes;
    inputBytes += op.inputBytes;
    outputBytes += op.outputBytes;
  }
  return { ops: count, macs, flops, params, weightBytes, inputBytes, outputBytes };
}

/**
 * Bytes of every activation tensor (graph inputs and every op output): what
 * a runtime that never reuses a buffer would allocate.
 */
export function activationBytes(graph: Graph): number {
  let bytes = 0;
  for (const tensor of graph.tensors)
    bytes += elementCount(tensor.shape) * DTYPE_BYTES[tensor.dtype];
  return bytes;
}

/** Producer → consumer pairs of ops (one per pair, however many tensors they share). */
export function edgeCount(graph: Graph): number {
  return predecessorsOf(graph).reduce((sum, producers) => sum + producers.length, 0);
}

/** What `socsim model NAME --json` prints (CLI-CONTRACT.md). */
export interface ModelStats {
  readonly model: string;
  readonly ops: number;
  readonly edges: number;
  readonly macs: number;
  readonly params: number;
  readonly activation_bytes: number;
  readonly op_kinds: Record<string, number>;
}

export function modelStats(graph: Graph): ModelStats {
  const totals = totalsOf(graph.ops);
  const kinds: Record<string, number> = {};
  for (const op of graph.ops) kinds[op.kind] = (kinds[op.kind] ?? 0) + 1;
  const opKinds = Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
  return {
    model: graph.name,
    ops: totals.ops,
    edges: edgeCount(graph),
    macs: totals.macs,
    params: totals.params,
    activation_bytes: activationBytes(graph),
    op_kinds: opKinds,
  };
}
