import type { Graph, Op } from "../../graph/ir.ts";
import { DTYPE_BYTES, type DType } from "../../graph/op-kinds.ts";

/**
 * What an op asks of a target, before any coefficient is applied: work in
 * MAC-equivalents rounded up to whole tiles, the number of tiles (the units
 * threads split), and bytes moved in the compute dtype. These depend only on
 * the op, the compute dtype and the back-end's tile, so they are computed
 * once per (op, target) and reused whatever the operating point.
 */
export interface OpFeatures {
  readonly work: number;
  /** Work units threads share; Infinity when the op is split finely (element-wise ops). */
  readonly tiles: number;
  readonly bytes: number;
  /** Share of `bytes` that is activations (weights always come from DRAM). */
  readonly activationShare: number;
  /** A 3×3, stride-1, ungrouped convolution (a back-end may run it as Winograd). */
  readonly winogradEligible: boolean;
}

/**
 * Kinds that only relabel memory: a reshape or flatten changes the shape, a
 * channel split hands out slices of one buffer (NCHW and channel-packed
 * layouts keep each slice contiguous). No data moves.
 */
const VIEWS = new Set(["reshape", "flatten", "split"]);

const TILED_SPATIAL = new Set(["conv2d", "depthwise_conv2d", "transposed_conv2d"]);
const TILED_FEATURES = new Set(["fully_connected", "matmul"]);

interface Tile {
  readonly rows: number;
  readonly cols: number;
  readonly channels: number;
}

function roundedUp(size: number, quantum: number): number {
  return Math.ceil(size / quantum) * quantum;
}

/** Padding factor of the work and the tile count, from the op's first output. */
function tiling(op: Op, graph: Graph, tile: Tile): { padding: number; tiles: number } {
  const shape = graph.tensors[op.outputs[0]!]!.shape;
  if (TILED_SPATIAL.has(op.kind) && shape.length === 4) {
    const channels = shape[1]!;
    const height = shape[2]!;
    const width = shape[3]!;
    const padded =
      roundedUp(channels, tile.channels) *
      roundedUp(height, tile.rows) *
      roundedUp(width, tile.cols);
    const tiles = padded / tile.channels / tile.rows / tile.cols;
    return { padding: padded / (channels * height * width), tiles };
  }
  if (TILED_FEATURES.has(op.kind) && shape.length >= 2) {
    const features = shape[shape.length - 1]!;
    const rows = shape.length >= 3 ? shape[shape.length - 2]! : 1;
    const padded = roundedUp(features, tile.channels) * roundedUp(rows, tile.rows);
    return { padding: padded / (features * rows), tiles: padded / tile.channels / tile.rows };
  }
  return { padding: 1, tiles: Number.POSITIVE_INFINITY };
}

function winogradEligible(op: Op): boolean {
  const { kernel, stride, dilation, groups } = op.attrs;
  return (
    op.kind === "conv2d" &&
    kernel?.[0] === 3 &&
    kernel[1] === 3 &&
    (stride ?? [1, 1]).every((step) => step === 1) &&
    (dilation ?? [1, 1]).every((step) => step === 1) &&
    (groups ?? 1) === 1
  );
}

export function opFeatures(op: Op, graph: Graph, computeDtype: DType, tile: Tile): OpFeatures {
  if (VIEWS.has(op.kind))
    return {
      work: 0,
      tiles: Number.POSITIVE_INFINITY,
      bytes: 0,
      activationShare: 0,
      winogradEligible: false,
    };
  const { padding, tiles } = tiling(op, graph, tile);
  const baseWork = op.macs > 0 ? op.macs : op.flops / 2;
  const scale = DTYPE_BYTES[computeDtype] / DTYPE_BYTES[op.dtype];
  const activations = (op.inputBytes + op.outputBytes) * scale;
  const bytes = activations + op.weightBytes * scale;
  return {
    work: baseWork * padding,
    tiles,
    bytes,
    activationShare: bytes > 0 ? activations / bytes : 0,
    winogradEligible: winogradEligible(op),
  };
}
