import { elementCount, formatShape, normalizeAxis } from "../shape.ts";
import { paddingOf } from "./conv.ts";
import { firstInput, type KindRule, positiveInteger, type RuleContext, type Work } from "./rule.ts";

/** Ops that only move data: no MACs, no parameters. */
const NO_WORK = (): Work => ({ macs: 0, flops: 0, params: 0 });

export const concat: KindRule = {
  arity: [1, Number.POSITIVE_INFINITY],
  accepts: ["axis"],
  infer(context: RuleContext) {
    const first = context.inputs[0]!;
    const rank = first.shape.length;
    const axis = normalizeAxis(context.attrs.axis ?? 1, rank);
    if (axis === undefined)
      context.fail(`axis ${context.attrs.axis} is outside rank ${rank}`, ["axis"]);
    const shape = [...first.shape];
    context.inputs.forEach((input, index) => {
      if (index === 0) return;
      const fits =
        input.shape.length === rank &&
        input.shape.every((dim, dimIndex) => dimIndex === axis || dim === first.shape[dimIndex]);
      if (!fits) {
        context.fail(
          `cannot concatenate ${formatShape(first.shape)} (from ${first.from}) and ${formatShape(input.shape)} (from ${input.from}) along axis ${axis}`,
          ["inputs", index],
        );
      }
      shape[axis]! += input.shape[axis]!;
    });
    return [shape];
  },
  work: NO_WORK,
};

export const split: KindRule = {
  arity: [1, 1],
  required: ["splits"],
  accepts: ["axis"],
  outputCount: (attrs) => attrs.splits?.length ?? 1,
  infer(context: RuleContext) {
    const input = firstInput(context);
    const axis = normalizeAxis(context.attrs.axis ?? 1, input.length);
    if (axis === undefined)
      context.fail(`axis ${context.attrs.axis} is outside rank ${input.length}`, ["axis"]);
    const splits = context.attrs.splits ?? [];
    const total = splits.reduce((sum, size) => sum + size, 0);
    if (splits.some((size) => !Number.isInteger(size) || size < 1) || total !== input[axis]) {
      context.fail(
        `splits [${splits.join(", ")}] must be positive and add up to ${input[axis]} (axis ${axis} of ${formatShape(input)})`,
        ["splits"],
      );
    }
    return splits.map((size) => input.map((dim, index) => (index === axis ? size : dim)));
  },
  work: NO_WORK,
};

/** Reshape: `shape` may hold one -1 (inferred) and 0s (copy the input's dimension). */
export const reshape: KindRule = {
  arity: [1, 1],
  required: ["shape"],
  infer(context: RuleContext) {
    const input = firstInput(context);
    const target = (context.attrs.shape ?? []).map((dim, index) =>
      dim === 0 ? input[index]! : dim,
    );
    const known = target.filter((dim) => dim !== -1);
    const wildcards = target.length - known.length;
    const count = elementCount(input);
    const knownCount = elementCount(known);
    if (wildcards > 1 || known.some((dim) => !Number.isInteger(dim) || dim < 1)) {
      context.fail(
        `shape [${context.attrs.shape?.join(", ")}] may hold one -1 and positive sizes`,
        ["shape"],
      );
    }
    const inferred = count / knownCount;
    const shape = target.map((dim) => (dim === -1 ? inferred : dim));
    if (!Number.isInteger(inferred) || elementCount(shape) !== count) {
      context.fail(
        `cannot reshape ${formatShape(input)} (from ${context.inputs[0]!.from}, ${count} elements) to [${context.attrs.shape?.join(", ")}]`,
        ["shape"],
      );
    }
    return [shape];
  },
  work: NO_WORK,
};

/** Flatten: dimensions before `axis` (default 1) and from it on become two. */
export const flatten: KindRule = {
  arity: [1, 1],
  accepts: ["axis"],
  infer(context: RuleContext) {
    const input = firstInput(context);
    const axis = context.attrs.axis ?? 1;
    if (!Number.isInteger(axis) || axis < 0 || axis > input.length) {
      context.fail(`axis ${axis} is outside rank ${input.length}`, ["axis"]);
    }
    return [[elementCount(input.slice(0, axis)), elementCount(input.slice(axis))]];
  },
  work: NO_WORK,
};

export const transpose: KindRule = {
  arity: [1, 1],
  required: ["permutation"],
  infer(context: RuleContext) {
    const input = firstInput(context);
    const permutation = context.attrs.permutation ?? [];
    const sorted = [...permutation].sort((a, b) => a - b);
    if (permutation.length !== input.length || sorted.some((axis, index) => axis !== index)) {
      context.fail(
        `permutation [${permutation.join(", ")}] is not a permutation of the ${input.length} axes of ${formatShape(input)}`,
        ["permutation"],
      );
    }
    return [permutation.map((axis) => input[axis]!)];
  },
  work: NO_WORK,
};

/** Resize of H and W by `scale` (nearest or bilinear). */
export const resize: KindRule = {
  arity: [1, 1],
  required: ["scale"],
  accepts: ["mode"],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    const [scaleHeight, scaleWidth] = context.attrs.scale ?? [1, 1];
    const height = Math.floor(input[2]! * scaleHeight);
    const width = Math.floor(input[3]! * scaleWidth);
    if (!(height >= 1 && width >= 1)) {
      context.fail(`scale [${scaleHeight}, ${scaleWidth}] leaves no output`, ["scale"]);
    }
    return [[input[0]!, input[1]!, height, width]];
  },
  work: (_inputs, [output], attrs) => ({
    macs: 0,
    flops: (attrs.mode === "bilinear" ? 7 : 0) * elementCount(output!),
    params: 0,
  }),
};

/** Zero padding of H and W. */
export const pad: KindRule = {
  arity: [1, 1],
  required: ["padding"],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    const [top, left, bottom, right] = paddingOf(context);
    return [[input[0]!, input[1]!, input[2]! + top + bottom, input[3]! + left + right]];
  },
  work: NO_WORK,
};

export const spaceToDepth: KindRule = {
  arity: [1, 1],
  required: ["blockSize"],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    const block = positiveInteger(context, context.attrs.blockSize, "blockSize", 1);
    if (input[2]! % block !== 0 || input[3]! % block !== 0) {
      context.fail(`block ${block} must divide the ${input[2]}x${input[3]} input`, ["blockSize"]);
    }
    return [[input[0]!, input[1]! * block * block, input[2]! / block, input[3]! / block]];
  },
  work: NO_WORK,
};

export const depthToSpace: KindRule = {
  arity: [1, 1],
  required: ["blockSize"],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    const block = positiveInteger(context, context.attrs.blockSize, "blockSize", 1);
    if (input[1]! % (block * block) !== 0) {
      context.fail(`block ${block}² must divide the ${input[1]} channels`, ["blockSize"]);
    }
    return [[input[0]!, input[1]! / (block * block), input[2]! * block, input[3]! * block]];
  },
  work: NO_WORK,
};
