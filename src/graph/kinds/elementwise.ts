import type { OpKind } from "../op-kinds.ts";
import { broadcastShapes, elementCount, formatShape, normalizeAxis } from "../shape.ts";
import { flopsPerElement } from "./elementwise-cost.ts";
import { firstInput, type KindRule, type RuleContext } from "./rule.ts";

/** One-input ops that keep the shape: activations. */
export function unary(kind: OpKind): KindRule {
  return {
    arity: [1, 1],
    accepts: kind === "leaky_relu" ? ["slope"] : [],
    infer: (context) => [firstInput(context)],
    work: (_inputs, [output]) => ({
      macs: 0,
      flops: flopsPerElement(kind) * elementCount(output!),
      params: 0,
    }),
  };
}

/** Normalisations with a learned scale and shift per channel (axis 1) or per feature (last axis). */
export function normalization(kind: OpKind, scaledAxis: "channel" | "last"): KindRule {
  return {
    arity: [1, 1],
    infer(context: RuleContext) {
      const input = firstInput(context);
      if (input.length < 2) {
        context.fail(`expects at least a rank-2 input, got ${formatShape(input)}`, ["inputs", 0]);
      }
      return [input];
    },
    work([input], [output]) {
      const width = scaledAxis === "channel" ? input![1]! : input!.at(-1)!;
      return { macs: 0, flops: flopsPerElement(kind) * elementCount(output!), params: 2 * width };
    },
  };
}

/**
 * add / mul: two activations with NumPy broadcasting, or one activation and a
 * learned constant of `operandShape` (a bias, a NoNorm scale), which counts as
 * parameters.
 */
export function binary(kind: OpKind): KindRule {
  return {
    arity: [1, 2],
    accepts: ["operandShape"],
    infer(context: RuleContext) {
      const [left, right] = context.inputs;
      const other = right?.shape ?? context.attrs.operandShape;
      if (other === undefined) {
        context.fail(`${kind} needs two inputs, or one input and an operandShape`, ["inputs"]);
      }
      if (right !== undefined && context.attrs.operandShape !== undefined) {
        context.fail(`${kind} takes either a second input or an operandShape, not both`, [
          "operandShape",
        ]);
      }
      const shape = broadcastShapes(left!.shape, other);
      if (shape === undefined) {
        const otherPlace = right ? `(from ${right.from})` : "(the operandShape)";
        context.fail(
          `shapes ${formatShape(left!.shape)} (from ${left!.from}) and ${formatShape(other)} ${otherPlace} do not broadcast`,
          right ? ["inputs", 1] : ["operandShape"],
        );
      }
      return [shape];
    },
    work(inputs, [output], attrs) {
      const constant = inputs.length === 1 ? elementCount(attrs.operandShape ?? []) : 0;
      return { macs: 0, flops: flopsPerElement(kind) * elementCount(output!), params: constant };
    },
  };
}

export const softmax: KindRule = {
  arity: [1, 1],
  accepts: ["axis"],
  infer(context: RuleContext) {
    const input = firstInput(context);
    if (normalizeAxis(context.attrs.axis ?? -1, input.length) === undefined) {
      context.fail(`axis ${context.attrs.axis} is outside a rank-${input.length} input`, ["axis"]);
    }
    return [input];
  },
  work: (_inputs, [output]) => ({
    macs: 0,
    flops: flopsPerElement("softmax") * elementCount(output!),
    params: 0,
  }),
};
