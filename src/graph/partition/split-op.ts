import type { Graph, Op, OpAttributes } from "../ir.ts";
import { KIND_RULES } from "../kinds/index.ts";
import { ACTIVATION_KINDS, DTYPE_BYTES, type OpKind } from "../op-kinds.ts";
import { elementCount, type Shape } from "../shape.ts";
import { isSplittable, type SplitAxis } from "./splittable.ts";

/** One slice of a split op, as a processor would run it. */
export interface OpSlice {
  /** [start, end) of the slice along the split axis of the op's output. */
  readonly range: readonly [number, number];
  readonly inputShapes: readonly Shape[];
  readonly outputShape: Shape;
  readonly attrs: OpAttributes;
  readonly macs: number;
  readonly flops: number;
  readonly params: number;
  readonly weightBytes: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
}

export interface OpSplit {
  readonly op: number;
  readonly axis: SplitAxis;
  readonly slices: readonly OpSlice[];
  /** Concatenating the slices' outputs gives back the op's output. */
  readonly join: { readonly axis: number; readonly shape: Shape; readonly bytes: number };
}

/** Kinds whose output channel c depends only on input channel c (so a channel slice slices the input too). */
const CHANNELWISE = new Set<OpKind>([
  ...ACTIVATION_KINDS,
  "depthwise_conv2d",
  "batchnorm",
  "instance_norm",
  "layernorm",
  "max_pool",
  "avg_pool",
  "global_avg_pool",
  "add",
  "mul",
  "pad",
  "resize",
]);
/** Kinds that read every input channel for each output channel (the input is sent whole). */
const CHANNEL_MIXING = new Set<OpKind>(["conv2d", "fully_connected", "transposed_conv2d"]);
/** Kinds whose output row r depends on a window of input rows. */
const WINDOWED = new Set<OpKind>(["conv2d", "depthwise_conv2d", "max_pool", "avg_pool"]);
/** Kinds whose output row r depends on input row r only. */
const ROWWISE = new Set<OpKind>([...ACTIVATION_KINDS, "batchnorm", "layernorm", "add", "mul"]);

/** Sizes of `parts` near-equal pieces of `total`, or the given sizes. */
function sliceSizes(total: number, parts: number | readonly number[]): number[] {
  if (typeof parts !== "number") {
    if (
      parts.some((size) => !Number.isInteger(size) || size < 1) ||
      parts.reduce((a, b) => a + b, 0) !== total
    ) {
      throw new Error(
        `slice sizes [${parts.join(", ")}] must be positive integers adding up to ${total}`,
      );
    }
    return [...parts];
  }
  if (!Number.isInteger(parts) || parts < 1 || parts > total) {
    throw new Error(`cannot cut ${total} into ${parts} slices`);
  }
  return Array.from(
    { length: parts },
    (_, index) => Math.floor(((index + 1) * total) / parts) - Math.floor((index * total) / parts),
  );
}

/**
 * Splits one op into slices along its output channels or rows, the way
 * CoDL and μLayer run an op on two processors at once. Returns each slice's
 * input and output shapes, work and bytes, and the shape and bytes of the
 * join; pricing them is the device layer's business. Throws an Error when
 * the op cannot be split that way (e.g. a concat, or a grouped conv cut
 * through a group).
 */
export function splitOp(
  graph: Graph,
  opId: number,
  axis: SplitAxis,
  parts: number | readonly number[],
): OpSplit {
  const op = opOf(graph, opId);
  const output = graph.tensors[op.outputs[0]!]!.shape;
  const dimension = splitDimension(op, output, axis);
  const sizes = sliceSizes(output[dimension]!, parts);
  let start = 0;
  const slices = sizes.map((size) => {
    const range: [number, number] = [start, start + size];
    start += size;
    return sliceOp(graph, opId, axis, range);
  });
  const bytes = elementCount(output) * DTYPE_BYTES[op.dtype];
  return { op: opId, axis, slices, join: { axis: dimension, shape: output, bytes } };
}

/**
 * One slice of an op: output channels or output rows [start, end). A rows
 * slice reads the input rows its window needs (the halo of a k×k kernel)
 * and keeps only the padding that falls outside the input.
 */
export function sliceOp(
  graph: Graph,
  opId: number,
  axis: SplitAxis,
  range: readonly [number, number],
): OpSlice {
  const op = opOf(graph, opId);
  const output = graph.tensors[op.outputs[0]!]!.shape;
  const size = output[splitDimension(op, output, axis)]!;
  if (!(Number.isInteger(range[0]) && Number.isInteger(range[1]) && 0 <= range[0]))
    throw new Error(`op "${op.name}": slice [${range[0]}, ${range[1]}) is not a range`);
  if (!(range[0] < range[1] && range[1] <= size))
    throw new Error(`op "${op.name}": slice [${range[0]}, ${range[1]}) is outside 0..${size}`);
  const inputs = op.inputs.map((id) => graph.tensors[id]!.shape);
  const shape = axis === "channels" ? channelSlice(op, inputs, range) : rowSlice(op, inputs, range);
  return costSlice(op, shape.range, shape.inputShapes, shape.attrs);
}

/** Input rows [from, to) that output rows `range` of the op read (clipped to the input). */
export function inputRows(
  op: Op,
  inputHeight: number,
  range: readonly [number, number],
): [number, number] {
  if (!WINDOWED.has(op.kind)) return [range[0], range[1]];
  const window = rowWindow(op, range);
  return [Math.max(window.first, 0), Math.min(window.last, inputHeight)];
}

function opOf(graph: Graph, opId: number): Op {
  const op = graph.ops[opId];
  if (op === undefined) throw new Error(`no op ${opId} in graph "${graph.name}"`);
  return op;
}

/** The output dimension a split cuts: channels of [N, C, H, W] or features of [N, F]; rows of [N, C, H, W]. */
function splitDimension(op: Op, output: Shape, axis: SplitAxis): number {
  if (!isSplittable(op.kind, axis) || op.outputs.length !== 1)
    throw new Error(`op "${op.name}" (${op.kind}) cannot be split along ${axis}`);
  if (output.length === 4) return axis === "channels" ? 1 : 2;
  if (axis === "channels" && op.kind === "fully_connected") return output.length - 1;
  throw new Error(`op "${op.name}" (${op.kind}) has no [1, C, H, W] output to split`);
}

interface SliceShape {
  readonly range: readonly [number, number];
  readonly inputShapes: readonly Shape[];
  readonly attrs: OpAttributes;
}

function withDimension(shape: Shape, dimension: number, size: number): Shape {
  return shape.map((dim, index) => (index === dimension ? size : dim));
}

function channelSlice(
  op: Op,
  inputs: readonly Shape[],
  range: readonly [number, number],
): SliceShape {
  const size = range[1] - range[0];
  if (CHANNEL_MIXING.has(op.kind)) {
    const groups = op.attrs.groups ?? 1;
    if (groups === 1)
      return { range, inputShapes: inputs, attrs: { ...op.attrs, outChannels: size } };
    const perGroup = (op.attrs.outChannels ?? 0) / groups;
    if (range[0] % perGroup !== 0 || size % perGroup !== 0) {
      throw new Error(
        `op "${op.name}": a slice of channels [${range[0]}, ${range[1]}) cuts through a group of ${perGroup}`,
      );
    }
    const sliceGroups = size / perGroup;
    const inputChannels = (inputs[0]![1]! / groups) * sliceGroups;
    return {
      range,
      inputShapes: [withDimension(inputs[0]!, 1, inputChannels)],
      attrs: { ...op.attrs, outChannels: size, groups: sliceGroups },
    };
  }
  if (!CHANNELWISE.has(op.kind))
    throw new Error(`op "${op.name}" (${op.kind}) cannot be split along channels`);
  const multiplier =
    op.kind === "depthwise_conv2d" ? (op.attrs.outChannels ?? inputs[0]![1]!) / inputs[0]![1]! : 1;
  if (size % multiplier !== 0 || range[0] % multiplier !== 0) {
    throw new Error(
      `op "${op.name}": slice [${range[0]}, ${range[1]}) cuts through a depthwise channel multiplier of ${multiplier}`,
    );
  }
  const inputShapes = inputs.map((shape) =>
    shape[1] === 1 ? shape : withDimension(shape, 1, size / multiplier),
  );
  const attrs =
    op.kind === "depthwise_conv2d" && op.attrs.outChannels !== undefined
      ? { ...op.attrs, outChannels: size }
      : op.attrs;
  return { range, inputShapes, attrs };
}

/** Output rows [a, b) read input rows [a·s − top, (b − 1)·s − top + (k − 1)·d + 1). */
function rowWindow(op: Op, range: readonly [number, number]): { first: number; last: number } {
  const [kernel] = op.attrs.kernel ?? [1, 1];
  const [stride] =
    op.attrs.stride ??
    (op.kind === "conv2d" || op.kind === "depthwise_conv2d" ? [1, 1] : (op.attrs.kernel ?? [1, 1]));
  const [dilation] = op.attrs.dilation ?? [1, 1];
  const top = op.attrs.padding?.[0] ?? 0;
  return {
    first: range[0] * stride! - top,
    last: (range[1] - 1) * stride! - top + (kernel! - 1) * dilation! + 1,
  };
}

function rowSlice(op: Op, inputs: readonly Shape[], range: readonly [number, number]): SliceShape {
  if (ROWWISE.has(op.kind)) {
    const rows = range[1] - range[0];
    return {
      range,
      inputShapes: inputs.map((shape) => (shape[2] === 1 ? shape : withDimension(shape, 2, rows))),
      attrs: op.attrs,
    };
  }
  if (!WINDOWED.has(op.kind))
    throw new Error(`op "${op.name}" (${op.kind}) cannot be split along rows`);
  const [, left, , right] = op.attrs.padding ?? [0, 0, 0, 0];
  const height = inputs[0]![2]!;
  const { first, last } = rowWindow(op, range);
  const from = Math.max(first, 0);
  const to = Math.min(last, height);
  const padTop = from - first;
  // Rows past the input's end are the bottom padding this slice needs.
  const padBottom = last - to;
  return {
    range,
    inputShapes: [withDimension(inputs[0]!, 2, to - from)],
    attrs: { ...op.attrs, padding: [padTop, left, padBottom, right] },
  };
}

function costSlice(
  op: Op,
  range: readonly [number, number],
  inputShapes: readonly Shape[],
  attrs: OpAttributes,
): OpSlice {
  const rule = KIND_RULES[op.kind];
  const [outputShape] = rule.infer({
    inputs: inputShapes.map((shape) => ({ shape, from: "the slice input" })),
    attrs,
    fail: (message) => {
      throw new Error(`op "${op.name}": slice [${range[0]}, ${range[1]}) is not valid: ${message}`);
    },
  });
  const work = rule.work(inputShapes, [outputShape!], attrs);
  const width = DTYPE_BYTES[op.dtype];
  return {
    range,
    inputShapes,
    outputShape: outputShape!,
    attrs,
    macs: work.macs,
    flops: work.flops,
    params: work.params,
    weightBytes: work.params * width,
    inputBytes: inputShapes.reduce((sum, shape) => sum + elementCount(shape) * width, 0),
    outputBytes: elementCount(outputShape!) * width,
  };
}
