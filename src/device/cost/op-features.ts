import type { Graph, Op, OpAttributes } from "../../graph/ir.ts";
import { DTYPE_BYTES, type DType, type OpKind } from "../../graph/op-kinds.ts";
import type { OpSlice } from "../../graph/partition/split-op.ts";
import type { Shape } from "../../graph/shape.ts";

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

/** What the features are computed from: a whole op, or one slice of it (its own shapes and work). */
interface Work {
  readonly kind: OpKind;
  readonly attrs: OpAttributes;
  /** The dtype the work's bytes are counted in. */
  readonly dtype: DType;
  readonly outputShape: Shape;
  readonly macs: number;
  readonly flops: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly weightBytes: number;
}

interface Tile {
  readonly rows: number;
  readonly cols: number;
  readonly channels: number;
}

function roundedUp(size: number, quantum: number): number {
  return Math.ceil(size / quantum) * quantum;
}

/** Padding factor of the work and the tile count, from the work's (first) output. */
function tiling(work: Work, tile: Tile): { padding: number; tiles: number } {
  const shape = work.outputShape;
  if (TILED_SPATIAL.has(work.kind) && shape.length === 4) {
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
  if (TILED_FEATURES.has(work.kind) && shape.length >= 2) {
    const features = shape[shape.length - 1]!;
    const rows = shape.length >= 3 ? shape[shape.length - 2]! : 1;
    const padded = roundedUp(features, tile.channels) * roundedUp(rows, tile.rows);
    return { padding: padded / (features * rows), tiles: padded / tile.channels / tile.rows };
  }
  return { padding: 1, tiles: Number.POSITIVE_INFINITY };
}

function winogradEligible(work: Work): boolean {
  const { kernel, stride, dilation, groups } = work.attrs;
  return (
    work.kind === "conv2d" &&
    kernel?.[0] === 3 &&
    kernel[1] === 3 &&
    (stride ?? [1, 1]).every((step) => step === 1) &&
    (dilation ?? [1, 1]).every((step) => step === 1) &&
    (groups ?? 1) === 1
  );
}

export function opFeatures(op: Op, graph: Graph, computeDtype: DType, tile: Tile): OpFeatures {
  return features({ ...op, outputShape: graph.tensors[op.outputs[0]!]!.shape }, computeDtype, tile);
}

/**
 * The features of one slice of an op (a channel or row range, see
 * `sliceOp`): its own shapes, so its work is rounded up to whole tiles of
 * the slice (a GPU slice of a few channels pays for a whole work-group) and
 * a rows slice moves its halo rows. `sliceDtype` is the dtype the slice's
 * bytes are stored in (the op's own unless a policy quantizes the slice).
 */
export function sliceFeatures(
  op: Op,
  slice: OpSlice,
  sliceDtype: DType,
  computeDtype: DType,
  tile: Tile,
): OpFeatures {
  const scale = DTYPE_BYTES[sliceDtype] / DTYPE_BYTES[op.dtype];
  return features(
    {
      kind: op.kind,
      attrs: slice.attrs,
      dtype: sliceDtype,
      outputShape: slice.outputShape,
      macs: slice.macs,
      flops: slice.flops,
      inputBytes: slice.inputBytes * scale,
      outputBytes: slice.outputBytes * scale,
      weightBytes: slice.weightBytes * scale,
    },
    computeDtype,
    tile,
  );
}

function features(work: Work, computeDtype: DType, tile: Tile): OpFeatures {
  if (VIEWS.has(work.kind))
    return {
      work: 0,
      tiles: Number.POSITIVE_INFINITY,
      bytes: 0,
      activationShare: 0,
      winogradEligible: false,
    };
  const { padding, tiles } = tiling(work, tile);
  const baseWork = work.macs > 0 ? work.macs : work.flops / 2;
  const scale = DTYPE_BYTES[computeDtype] / DTYPE_BYTES[work.dtype];
  const activations = (work.inputBytes + work.outputBytes) * scale;
  const bytes = activations + work.weightBytes * scale;
  return {
    work: baseWork * padding,
    tiles,
    bytes,
    activationShare: bytes > 0 ? activations / bytes : 0,
    winogradEligible: winogradEligible(work),
  };
}
