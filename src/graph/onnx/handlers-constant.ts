import type { NodeContext, NodeHandler } from "./context.ts";
import { constantOf } from "./values.ts";

/**
 * Nodes that compute on shapes and constants only; exporters emit them to
 * build Reshape targets at run time (Shape → Gather → Concat → Reshape).
 * They are evaluated at import time and leave no op in the graph.
 */
const constant: NodeHandler = (context: NodeContext) => {
  const tensor = context.attributes.tensor("value");
  if (tensor) {
    context.defineConstant(constantOf(tensor));
    return;
  }
  const scalar = context.attributes.float("value_float") ?? context.attributes.int("value_int");
  const list = context.attributes.ints("value_ints");
  if (scalar !== undefined) context.defineConstant({ dims: [], values: [scalar] });
  else if (list !== undefined) context.defineConstant({ dims: [list.length], values: list });
  else
    context.fail("Constant without a value, value_float, value_int or value_ints is not supported");
};

const shape: NodeHandler = (context) => {
  const dims = context.isConstant(0) ? context.constant(0, "the data").dims : context.shape(0);
  const start = context.attributes.int("start") ?? 0;
  const end = context.attributes.int("end") ?? dims.length;
  const values = dims.slice(
    start < 0 ? start + dims.length : start,
    end < 0 ? end + dims.length : end,
  );
  context.defineConstant({ dims: [values.length], values });
};

const gather: NodeHandler = (context: NodeContext) => {
  if (!context.isConstant(0))
    context.fail(
      "Gather on a computed tensor (an embedding lookup) is not supported in ONNX import",
    );
  const data = context.values(0, "the data");
  const indices = context.constant(1, "the indices");
  const picked = (indices.values ?? []).map(
    (index) => data[index < 0 ? index + data.length : index]!,
  );
  context.defineConstant({ dims: indices.dims, values: picked });
};

const slice: NodeHandler = (context: NodeContext) => {
  const data = context.values(0, "the data");
  const starts = context.attributes.ints("starts") ?? [...context.values(1, "the starts")];
  const ends = context.attributes.ints("ends") ?? [...context.values(2, "the ends")];
  const steps = context.hasInput(4) ? context.values(4, "the steps") : [1];
  if (starts.length !== 1 || steps[0] !== 1)
    context.fail("only 1-D unit-step slices of constants are supported");
  const clamp = (value: number) =>
    Math.min(Math.max(value < 0 ? value + data.length : value, 0), data.length);
  const values = data.slice(clamp(starts[0]!), clamp(ends[0]!));
  context.defineConstant({ dims: [values.length], values });
};

/** A cast of a constant stays a constant; of a computed tensor, it only relabels it (dtype is the graph's). */
const cast: NodeHandler = (context) => {
  if (context.isConstant(0)) context.defineConstant(context.constant(0, "the data"));
  else context.alias(0);
};

export const CONSTANT_HANDLERS: Record<string, NodeHandler> = {
  Constant: constant,
  Shape: shape,
  Gather: gather,
  Slice: slice,
  Cast: cast,
};
