import { elementCount, normalizeAxis } from "../shape.ts";
import type { NodeContext, NodeHandler } from "./context.ts";

/** Concat of computed tensors, or folded when every input is a small constant (shape arithmetic). */
const concat: NodeHandler = (context: NodeContext) => {
  const indexes = Array.from({ length: context.inputCount }, (_, index) => index);
  const axis = context.attributes.int("axis") ?? 0;
  if (indexes.every((index) => context.isConstant(index))) {
    const parts = indexes.map((index) => context.constant(index, "a constant operand"));
    if (parts.some((part) => part.dims.length !== 1 || part.values === undefined)) {
      context.fail("only 1-D constants can be concatenated at import time");
    }
    const values = parts.flatMap((part) => [...part.values!]);
    context.defineConstant({ dims: [values.length], values });
    return;
  }
  context.emit(
    "concat",
    indexes.map((index) => context.activation(index)),
    { axis },
  );
};

const split: NodeHandler = (context: NodeContext) => {
  const shape = context.shape(0);
  const axis = normalizeAxis(context.attributes.int("axis") ?? 0, shape.length);
  if (axis === undefined) context.fail("split axis out of range");
  const outputs = context.node.output?.length ?? 1;
  let splits =
    context.attributes.ints("split") ??
    (context.hasInput(1) ? [...context.values(1, "the split sizes")] : undefined);
  if (splits === undefined) {
    const size = shape[axis]! / outputs;
    if (!Number.isInteger(size)) context.fail(`cannot split ${shape[axis]} evenly into ${outputs}`);
    splits = Array.from({ length: outputs }, () => size);
  }
  context.emit("split", [context.activation(0)], { axis, splits });
};

/** Reshape to a constant shape (0 copies the input's size unless allowzero). */
const reshape: NodeHandler = (context: NodeContext) => {
  const target = context.values(1, "the target shape");
  if (context.isConstant(0)) {
    const { dims } = context.constant(0, "the data");
    const count = elementCount(dims);
    const known = target.map((dim, index) => (dim === 0 ? dims[index]! : dim));
    const inferred = count / elementCount(known.filter((dim) => dim !== -1));
    context.defineConstant({ dims: known.map((dim) => (dim === -1 ? inferred : dim)) });
    return;
  }
  const input = context.shape(0);
  const allowZero = context.attributes.int("allowzero") === 1;
  const shape = target.map((dim, index) => (dim === 0 && !allowZero ? input[index]! : dim));
  context.emit("reshape", [context.activation(0)], { shape });
};

/** Squeeze and Unsqueeze only change the shape: a reshape to the resulting shape. */
function squeezeOrUnsqueeze(mode: "squeeze" | "unsqueeze"): NodeHandler {
  return (context: NodeContext) => {
    const source = context.isConstant(0) ? context.constant(0, "the data").dims : context.shape(0);
    const axesGiven =
      context.attributes.ints("axes") ??
      (context.hasInput(1) ? [...context.values(1, "the axes")] : undefined);
    let shape: number[];
    if (mode === "squeeze") {
      const rank = source.length;
      const axes = (axesGiven ?? source.flatMap((dim, index) => (dim === 1 ? [index] : []))).map(
        (axis) => (axis < 0 ? axis + rank : axis),
      );
      shape = source.filter((_, index) => !axes.includes(index));
    } else {
      if (axesGiven === undefined) context.fail("Unsqueeze needs axes");
      const rank = source.length + axesGiven.length;
      const axes = axesGiven.map((axis) => (axis < 0 ? axis + rank : axis));
      const rest = [...source];
      shape = Array.from({ length: rank }, (_, index) =>
        axes.includes(index) ? 1 : rest.shift()!,
      );
    }
    if (context.isConstant(0)) {
      const { values } = context.constant(0, "the data");
      context.defineConstant(values ? { dims: shape, values } : { dims: shape });
      return;
    }
    context.emit("reshape", [context.activation(0)], { shape });
  };
}

const transpose: NodeHandler = (context) => {
  const rank = context.isConstant(0)
    ? context.constant(0, "the data").dims.length
    : context.shape(0).length;
  const permutation =
    context.attributes.ints("perm") ?? Array.from({ length: rank }, (_, index) => rank - 1 - index);
  if (context.isConstant(0)) {
    const { dims } = context.constant(0, "the data");
    context.defineConstant({ dims: permutation.map((axis) => dims[axis]!) });
    return;
  }
  context.emit("transpose", [context.activation(0)], { permutation });
};

/** Resize / Upsample of H and W by constant scales or sizes. */
const resize: NodeHandler = (context: NodeContext) => {
  const input = context.shape(0);
  const opType = context.node.opType;
  const scalesIndex = opType === "Upsample" || context.opset < 11 ? 1 : 2;
  let scales: readonly number[] | undefined;
  if (context.hasInput(scalesIndex) && context.constant(scalesIndex, "the scales").dims[0] !== 0) {
    scales = context.values(scalesIndex, "the scales");
  } else if (context.hasInput(3)) {
    const sizes = context.values(3, "the output sizes");
    scales = sizes.map((size, axis) => size / input[axis]!);
  } else {
    scales = context.attributes.ints("scales");
  }
  if (scales === undefined || scales.length !== 4 || scales[0] !== 1 || scales[1] !== 1) {
    context.fail(
      "only resizing H and W of an NCHW tensor by constant scales or sizes is supported",
    );
  }
  const mode = context.attributes.string("mode") ?? "nearest";
  context.emit("resize", [context.activation(0)], {
    scale: [scales[2]!, scales[3]!],
    mode: mode === "nearest" ? "nearest" : "bilinear",
  });
};

const pad: NodeHandler = (context: NodeContext) => {
  const mode = context.attributes.string("mode") ?? "constant";
  const pads =
    context.attributes.ints("pads") ??
    (context.hasInput(1) ? [...context.values(1, "the pads")] : []);
  if (pads.length !== 8 || pads[0] || pads[1] || pads[4] || pads[5] || mode !== "constant") {
    context.fail("only constant padding of H and W of an NCHW tensor is supported");
  }
  context.emit("pad", [context.activation(0)], {
    padding: [pads[2]!, pads[3]!, pads[6]!, pads[7]!],
  });
};

const blocks =
  (kind: "space_to_depth" | "depth_to_space"): NodeHandler =>
  (context) =>
    void context.emit(kind, [context.activation(0)], {
      blockSize: context.attributes.int("blocksize") ?? 1,
    });

export const LAYOUT_HANDLERS: Record<string, NodeHandler> = {
  Concat: concat,
  Split: split,
  Reshape: reshape,
  Flatten: (context) =>
    void context.emit("flatten", [context.activation(0)], {
      axis: context.attributes.int("axis") ?? 1,
    }),
  Squeeze: squeezeOrUnsqueeze("squeeze"),
  Unsqueeze: squeezeOrUnsqueeze("unsqueeze"),
  Transpose: transpose,
  Resize: resize,
  Upsample: resize,
  Pad: pad,
  SpaceToDepth: blocks("space_to_depth"),
  DepthToSpace: blocks("depth_to_space"),
  Identity: (context) => context.alias(0),
  Dropout: (context) => context.alias(0),
};
