import { elementCount } from "../shape.ts";
import { slidingOutput } from "./conv.ts";
import { firstInput, type KindRule, type RuleContext } from "./rule.ts";

/** max / average pooling over a window; the stride defaults to the kernel. */
export const windowPool: KindRule = {
  arity: [1, 1],
  required: ["kernel"],
  accepts: ["stride", "padding", "ceilMode"],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    const attrs = { ...context.attrs, stride: context.attrs.stride ?? context.attrs.kernel };
    const [height, width] = slidingOutput({ ...context, attrs }, input, context.attrs.ceilMode);
    return [[input[0]!, input[1]!, height, width]];
  },
  work(_inputs, [output], attrs) {
    const [height, width] = attrs.kernel ?? [1, 1];
    return { macs: 0, flops: height * width * elementCount(output!), params: 0 };
  },
};

/** Mean over H and W: [1, C, H, W] → [1, C, 1, 1]. */
export const globalAvgPool: KindRule = {
  arity: [1, 1],
  infer(context: RuleContext) {
    const input = firstInput(context, 4);
    return [[input[0]!, input[1]!, 1, 1]];
  },
  work: ([input]) => ({ macs: 0, flops: elementCount(input!), params: 0 }),
};
