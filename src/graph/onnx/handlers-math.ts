import type { OpKind } from "../op-kinds.ts";
import { broadcastShapes } from "../shape.ts";
import type { NodeContext, NodeHandler } from "./context.ts";

const unary =
  (kind: OpKind): NodeHandler =>
  (context) =>
    void context.emit(kind, [context.activation(0)], {});

const leakyRelu: NodeHandler = (context) =>
  void context.emit("leaky_relu", [context.activation(0)], {
    slope: context.attributes.float("alpha") ?? 0.01,
  });

/** Clip is ReLU6 or ReLU in exported CNNs; other ranges have no kind of their own. */
const clip: NodeHandler = (context: NodeContext) => {
  const bound = (index: number, attribute: string) => {
    if (context.opset < 11) return context.attributes.float(attribute);
    return context.hasInput(index) ? context.values(index, `the ${attribute} bound`)[0] : undefined;
  };
  const low = bound(1, "min");
  const high = bound(2, "max");
  const input = context.activation(0);
  if (low === 0 && high === 6) context.emit("relu6", [input], {});
  else if (low === 0 && (high === undefined || high === Number.POSITIVE_INFINITY))
    context.emit("relu", [input], {});
  else
    context.fail(
      `Clip to [${low ?? "-inf"}, ${high ?? "inf"}] has no socsim op kind (only [0, 6] and [0, inf))`,
    );
};

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => (Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b),
};

/**
 * Add/Sub/Mul/Div: two computed tensors become add or mul; a computed tensor
 * and a constant become add or mul with the constant as a learned operand
 * (subtracting or dividing by a constant is adding or multiplying by another
 * one); two constants are folded (shape arithmetic).
 */
function arithmetic(opType: "Add" | "Sub" | "Mul" | "Div"): NodeHandler {
  const kind: OpKind = opType === "Add" || opType === "Sub" ? "add" : "mul";
  return (context: NodeContext) => {
    const leftConstant = context.isConstant(0);
    const rightConstant = context.isConstant(1);
    if (leftConstant && rightConstant) {
      const left = context.constant(0, "the first operand");
      const right = context.constant(1, "the second operand");
      const dims = broadcastShapes(left.dims, right.dims);
      if (dims === undefined) context.fail("constant operands do not broadcast");
      const operate = ARITHMETIC[opType]!;
      if (
        left.values &&
        right.values &&
        (left.values.length === right.values.length ||
          right.values.length === 1 ||
          left.values.length === 1)
      ) {
        const count = Math.max(left.values.length, right.values.length);
        const values = Array.from({ length: count }, (_, index) =>
          operate(
            left.values![left.values!.length === 1 ? 0 : index]!,
            right.values![right.values!.length === 1 ? 0 : index]!,
          ),
        );
        context.defineConstant({ dims, values });
      } else {
        context.defineConstant({ dims });
      }
      return;
    }
    if (!leftConstant && !rightConstant) {
      if (opType === "Sub" || opType === "Div") {
        context.fail(
          `${opType} of two computed tensors has no socsim op kind (only Add and Mul do)`,
        );
      }
      context.emit(kind, [context.activation(0), context.activation(1)], {});
      return;
    }
    if (leftConstant && opType === "Div")
      context.fail("dividing a constant by a computed tensor has no socsim op kind");
    const constantIndex = leftConstant ? 0 : 1;
    const { dims } = context.constant(constantIndex, "the constant operand");
    context.emit(kind, [context.activation(1 - constantIndex)], {
      operandShape: dims.length === 0 ? [1] : dims,
    });
  };
}

const softmax: NodeHandler = (context) =>
  void context.emit("softmax", [context.activation(0)], {
    axis: context.attributes.int("axis") ?? (context.opset < 13 ? 1 : -1),
  });

const layerNormalization: NodeHandler = (context) => {
  const axis = context.attributes.int("axis") ?? -1;
  if (axis !== -1 && axis !== context.shape(0).length - 1)
    context.fail("only LayerNormalization over the last axis is supported");
  context.emit("layernorm", [context.activation(0)], {});
};

/** Gemm: A·B(+C) with B constant becomes fully_connected; with B computed, matmul. */
const gemm: NodeHandler = (context: NodeContext) => {
  if (context.attributes.int("transA") === 1) context.fail("transA=1 is not supported");
  const transposed = context.attributes.int("transB") === 1;
  const input = context.activation(0);
  if (context.shape(0).length !== 2)
    context.fail(`Gemm needs a rank-2 input, got rank ${context.shape(0).length}`);
  const biasConstant = context.hasInput(2) && context.isConstant(2);
  if (context.isConstant(1)) {
    const dims = context.constant(1, "B").dims;
    if (dims.length !== 2) context.fail(`B must be a matrix, got rank ${dims.length}`);
    const outChannels = transposed ? dims[0]! : dims[1]!;
    const inner = transposed ? dims[1]! : dims[0]!;
    const features = context.shape(0)[1]!;
    if (inner !== features)
      context.fail(`B [${dims.join(", ")}] takes ${inner} features, the input has ${features}`);
    if (!context.hasInput(2) || biasConstant) {
      context.emit("fully_connected", [input], { outChannels, bias: biasConstant });
      return;
    }
    const product = context.emitIntermediate(
      "fully_connected",
      [input],
      { outChannels, bias: false },
      "product",
    );
    context.emit("add", [product, context.activation(2)], {});
    return;
  }
  const operands = [input, context.activation(1)];
  if (!context.hasInput(2)) {
    context.emit("matmul", operands, { transposeB: transposed });
    return;
  }
  const product = context.emitIntermediate(
    "matmul",
    operands,
    { transposeB: transposed },
    "product",
  );
  if (biasConstant) context.emit("add", [product], { operandShape: context.constant(2, "C").dims });
  else context.emit("add", [product, context.activation(2)], {});
};

const matmul: NodeHandler = (context: NodeContext) => {
  if (context.isConstant(0))
    context.fail("a constant first operand is not supported (only activation × weights)");
  if (context.isConstant(1)) {
    const dims = context.constant(1, "the weight").dims;
    if (dims.length !== 2)
      context.fail(`a constant second operand must be a matrix, got rank ${dims.length}`);
    const shape = context.shape(0);
    if (dims[0] !== shape[shape.length - 1])
      context.fail(
        `the weight [${dims.join(", ")}] takes ${dims[0]} features, the input has ${shape[shape.length - 1]}`,
      );
    context.emit("fully_connected", [context.activation(0)], {
      outChannels: dims[1]!,
      bias: false,
    });
    return;
  }
  context.emit("matmul", [context.activation(0), context.activation(1)], {});
};

/** ReduceMean over H and W of a feature map is a global average pool; nothing else has a kind. */
const reduceMean: NodeHandler = (context: NodeContext) => {
  const rank = context.shape(0).length;
  const axes = (
    context.attributes.ints("axes") ??
    (context.hasInput(1) ? [...context.values(1, "the axes")] : [])
  ).map((axis) => (axis < 0 ? axis + rank : axis));
  const keepDims = (context.attributes.int("keepdims") ?? 1) === 1;
  if (rank !== 4 || axes.length !== 2 || !axes.includes(2) || !axes.includes(3)) {
    context.fail(
      `ReduceMean over axes [${axes.join(", ")}] of a rank-${rank} tensor has no socsim op kind (only over H and W)`,
    );
  }
  if (keepDims) {
    context.emit("global_avg_pool", [context.activation(0)], {});
    return;
  }
  const pooled = context.emitIntermediate("global_avg_pool", [context.activation(0)], {}, "pool");
  context.emit("flatten", [pooled], { axis: 1 });
};

export const MATH_HANDLERS: Record<string, NodeHandler> = {
  Relu: unary("relu"),
  Sigmoid: unary("sigmoid"),
  Tanh: unary("tanh"),
  HardSigmoid: unary("hard_sigmoid"),
  HardSwish: unary("hard_swish"),
  Gelu: unary("gelu"),
  LeakyRelu: leakyRelu,
  Clip: clip,
  Add: arithmetic("Add"),
  Sub: arithmetic("Sub"),
  Mul: arithmetic("Mul"),
  Div: arithmetic("Div"),
  Softmax: softmax,
  BatchNormalization: unary("batchnorm"),
  InstanceNormalization: unary("instance_norm"),
  LayerNormalization: layerNormalization,
  Gemm: gemm,
  MatMul: matmul,
  ReduceMean: reduceMean,
};
