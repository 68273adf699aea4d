import type { OpAttributes } from "../ir.ts";
import { elementCount, type Shape } from "../shape.ts";
import { firstInput, type KindRule, pairOf, positiveInteger, type RuleContext } from "./rule.ts";

const NO_PADDING = [0, 0, 0, 0] as const;

/** Output size of a sliding window along one axis (floor, or ceil for ceil-mode pools). */
export function windowOutputSize(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padTotal: number,
  ceil = false,
): number {
  const span = size + padTotal - dilation * (kernel - 1) - 1;
  return (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
}

export function paddingOf(context: RuleContext): readonly [number, number, number, number] {
  const padding = context.attrs.padding ?? NO_PADDING;
  if (padding.length !== 4 || padding.some((pad) => !Number.isInteger(pad) || pad < 0)) {
    context.fail(
      `padding must be four non-negative integers [top, left, bottom, right], got [${padding.join(", ")}]`,
      ["padding"],
    );
  }
  return padding;
}

/** Output [H, W] of a window op over a [1, C, H, W] input. */
export function slidingOutput(context: RuleContext, input: Shape, ceil = false): [number, number] {
  const kernel = pairOf(context, context.attrs.kernel, "kernel", [1, 1]);
  const stride = pairOf(context, context.attrs.stride, "stride", [1, 1]);
  const dilation = pairOf(context, context.attrs.dilation, "dilation", [1, 1]);
  const [top, left, bottom, right] = paddingOf(context);
  const height = windowOutputSize(input[2]!, kernel[0], stride[0], dilation[0], top + bottom, ceil);
  const width = windowOutputSize(input[3]!, kernel[1], stride[1], dilation[1], left + right, ceil);
  if (height < 1 || width < 1) {
    context.fail(
      `a ${kernel[0]}x${kernel[1]} window does not fit the ${input[2]}x${input[3]} input (output would be ${height}x${width})`,
      ["kernel"],
    );
  }
  return [height, width];
}

function kernelArea(attrs: OpAttributes): number {
  const [height, width] = attrs.kernel ?? [1, 1];
  return height * width;
}

function biasTerms(attrs: OpAttributes, output: Shape): { params: number; flops: number } {
  if (!attrs.bias) return { params: 0, flops: 0 };
  return { params: output[1]!, flops: elementCount(output) };
}

export const conv2d: KindRule = {
  arity: [1, 1],
  required: ["kernel", "outChannels"],
  accepts: ["stride", "dilation", "padding", "groups", "bias"],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    const groups = positiveInteger(context, context.attrs.groups, "groups", 1);
    const outChannels = positiveInteger(context, context.attrs.outChannels, "outChannels", 1);
    const channels = input[1]!;
    if (channels % groups !== 0 || outChannels % groups !== 0) {
      context.fail(
        `groups ${groups} must divide both the ${channels} input channels (from ${context.inputs[0]!.from}) and the ${outChannels} output channels`,
        ["groups"],
      );
    }
    const [height, width] = slidingOutput(context, input);
    return [[input[0]!, outChannels, height, width]];
  },
  work([input], [output], attrs) {
    const groups = attrs.groups ?? 1;
    const weights = kernelArea(attrs) * (input![1]! / groups) * output![1]!;
    const macs = weights * output![2]! * output![3]!;
    const bias = biasTerms(attrs, output!);
    return { macs, flops: 2 * macs + bias.flops, params: weights + bias.params };
  },
};

export const depthwiseConv2d: KindRule = {
  arity: [1, 1],
  required: ["kernel"],
  accepts: ["stride", "dilation", "padding", "outChannels", "bias"],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    const channels = input[1]!;
    const outChannels = positiveInteger(
      context,
      context.attrs.outChannels,
      "outChannels",
      channels,
    );
    if (outChannels % channels !== 0) {
      context.fail(
        `a depthwise conv's ${outChannels} output channels must be a multiple of its ${channels} input channels (from ${context.inputs[0]!.from})`,
        ["outChannels"],
      );
    }
    const [height, width] = slidingOutput(context, input);
    return [[input[0]!, outChannels, height, width]];
  },
  work(_inputs, [output], attrs) {
    const weights = kernelArea(attrs) * output![1]!;
    const macs = weights * output![2]! * output![3]!;
    const bias = biasTerms(attrs, output!);
    return { macs, flops: 2 * macs + bias.flops, params: weights + bias.params };
  },
};

export const transposedConv2d: KindRule = {
  arity: [1, 1],
  required: ["kernel", "outChannels"],
  accepts: ["stride", "dilation", "padding", "groups", "bias", "outputPadding"],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    const groups = positiveInteger(context, context.attrs.groups, "groups", 1);
    const outChannels = positiveInteger(context, context.attrs.outChannels, "outChannels", 1);
    if (input[1]! % groups !== 0 || outChannels % groups !== 0) {
      context.fail(`groups ${groups} must divide the input and output channels`, ["groups"]);
    }
    const kernel = pairOf(context, context.attrs.kernel, "kernel", [1, 1]);
    const stride = pairOf(context, context.attrs.stride, "stride", [1, 1]);
    const dilation = pairOf(context, context.attrs.dilation, "dilation", [1, 1]);
    const extra = pairOf(context, context.attrs.outputPadding, "outputPadding", [0, 0], 0);
    const [top, left, bottom, right] = paddingOf(context);
    const height =
      (input[2]! - 1) * stride[0] - top - bottom + dilation[0] * (kernel[0] - 1) + 1 + extra[0];
    const width =
      (input[3]! - 1) * stride[1] - left - right + dilation[1] * (kernel[1] - 1) + 1 + extra[1];
    if (height < 1 || width < 1) context.fail("the padding removes the whole output", ["padding"]);
    return [[input[0]!, outChannels, height, width]];
  },
  work([input], [output], attrs) {
    const groups = attrs.groups ?? 1;
    const weights = kernelArea(attrs) * input![1]! * (output![1]! / groups);
    // Every input pixel is scattered through the whole kernel (models.md's convention).
    const macs = weights * input![2]! * input![3]!;
    const bias = biasTerms(attrs, output!);
    return { macs, flops: 2 * macs + bias.flops, params: weights + bias.params };
  },
};
