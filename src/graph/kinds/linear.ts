import { broadcastShapes, elementCount, formatShape } from "../shape.ts";
import { firstInput, type KindRule, positiveInteger, type RuleContext } from "./rule.ts";

/** Fully connected over the last axis: [..., D] → [..., outChannels]. */
export const fullyConnected: KindRule = {
  arity: [1, 1],
  required: ["outChannels"],
  accepts: ["bias"],
  infer(context: RuleContext) {
    const input = firstInput(context);
    if (input.length < 2) {
      context.fail(`expects at least a rank-2 input, got ${formatShape(input)}`, ["inputs", 0]);
    }
    const outChannels = positiveInteger(context, context.attrs.outChannels, "outChannels", 1);
    return [[...input.slice(0, -1), outChannels]];
  },
  work([input], [output], attrs) {
    const inFeatures = input!.at(-1)!;
    const outFeatures = output!.at(-1)!;
    const rows = elementCount(output!) / outFeatures;
    const macs = rows * inFeatures * outFeatures;
    const biasParams = attrs.bias ? outFeatures : 0;
    return {
      macs,
      flops: 2 * macs + (attrs.bias ? elementCount(output!) : 0),
      params: inFeatures * outFeatures + biasParams,
    };
  },
};

/** Product of two activations, [..., M, K] × [..., K, N] (or [..., N, K] read transposed). */
export const matmul: KindRule = {
  arity: [2, 2],
  accepts: ["transposeB"],
  infer(context: RuleContext) {
    const [left, right] = context.inputs;
    const a = left!.shape;
    const b = right!.shape;
    if (a.length < 2 || b.length < 2) {
      context.fail(`expects inputs of rank >= 2, got ${formatShape(a)} and ${formatShape(b)}`);
    }
    const inner = context.attrs.transposeB ? b.at(-1)! : b.at(-2)!;
    const columns = context.attrs.transposeB ? b.at(-2)! : b.at(-1)!;
    const batch = broadcastShapes(a.slice(0, -2), b.slice(0, -2));
    if (a.at(-1) !== inner || batch === undefined) {
      context.fail(
        `cannot multiply ${formatShape(a)} (from ${left!.from}) by ${formatShape(b)} (from ${right!.from})${context.attrs.transposeB ? " transposed" : ""}`,
        ["inputs", 1],
      );
    }
    return [[...batch, a.at(-2)!, columns]];
  },
  work([left], [output]) {
    const macs = elementCount(output!) * left!.at(-1)!;
    return { macs, flops: 2 * macs, params: 0 };
  },
};

/**
 * Scaled dot-product attention over projected queries, keys and values
 * ([1, N, D] each, D split across `heads`): softmax(QKᵀ/√d)·V. The
 * projections are separate fully connected ops.
 */
export const attention: KindRule = {
  arity: [3, 3],
  required: ["heads"],
  infer(context: RuleContext) {
    const [query, key, value] = context.inputs.map((input) => input.shape);
    const heads = positiveInteger(context, context.attrs.heads, "heads", 1);
    const ranked = [query!, key!, value!].every((shape) => shape.length === 3);
    if (
      !ranked ||
      query!.at(-1) !== key!.at(-1) ||
      key![1] !== value![1] ||
      query![0] !== key![0] ||
      key![0] !== value![0]
    ) {
      context.fail(
        `queries ${formatShape(query!)} (from ${context.inputs[0]!.from}), keys ${formatShape(key!)} (from ${context.inputs[1]!.from}) and values ${formatShape(value!)} (from ${context.inputs[2]!.from}) do not fit: expected [B, Nq, D], [B, Nk, D], [B, Nk, Dv]`,
        ["inputs"],
      );
    }
    if (query!.at(-1)! % heads !== 0 || value!.at(-1)! % heads !== 0) {
      context.fail(`${heads} heads must divide the width ${query!.at(-1)}`, ["heads"]);
    }
    return [[query![0]!, query![1]!, value!.at(-1)!]];
  },
  work([query, key, value]) {
    const scores = query![0]! * query![1]! * key![1]! * query![2]!;
    const mixing = query![0]! * query![1]! * key![1]! * value![2]!;
    const softmaxFlops = 5 * query![0]! * query![1]! * key![1]!;
    return { macs: scores + mixing, flops: 2 * (scores + mixing) + softmaxFlops, params: 0 };
  },
};

/** Table lookup: [B, N] token ids → [B, N, outChannels]. */
export const embedding: KindRule = {
  arity: [1, 1],
  required: ["vocabulary", "outChannels"],
  infer(context: RuleContext) {
    const input = firstInput(context, 2);
    positiveInteger(context, context.attrs.vocabulary, "vocabulary", 1);
    const width = positiveInteger(context, context.attrs.outChannels, "outChannels", 1);
    return [[...input, width]];
  },
  work(_inputs, _outputs, attrs) {
    return { macs: 0, flops: 0, params: (attrs.vocabulary ?? 0) * (attrs.outChannels ?? 0) };
  },
};
