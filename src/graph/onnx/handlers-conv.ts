import type { OpAttributes } from "../ir.ts";
import type { NodeContext, NodeHandler } from "./context.ts";

function pairOf(values: readonly number[] | undefined, fallback: number): [number, number] {
  return [values?.[0] ?? fallback, values?.[1] ?? fallback];
}

/** Spatial attributes of Conv / ConvTranspose / pools, with auto_pad resolved against the input size. */
export function windowAttributes(context: NodeContext, kernel: [number, number]): OpAttributes {
  const { attributes } = context;
  const stride = pairOf(attributes.ints("strides"), 1);
  const dilation = pairOf(attributes.ints("dilations"), 1);
  const autoPad = attributes.string("auto_pad") ?? "NOTSET";
  let padding: [number, number, number, number];
  if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") {
    const input = context.shape(0);
    const totals = [0, 1].map((axis) => {
      const size = input[axis + 2]!;
      const output = Math.ceil(size / stride[axis]!);
      return Math.max(
        (output - 1) * stride[axis]! + (kernel[axis]! - 1) * dilation[axis]! + 1 - size,
        0,
      );
    });
    const small = totals.map((total) => Math.floor(total / 2));
    const large = totals.map((total, axis) => total - small[axis]!);
    padding =
      autoPad === "SAME_UPPER"
        ? [small[0]!, small[1]!, large[0]!, large[1]!]
        : [large[0]!, large[1]!, small[0]!, small[1]!];
  } else if (autoPad === "VALID") {
    padding = [0, 0, 0, 0];
  } else {
    const pads = attributes.ints("pads") ?? [0, 0, 0, 0];
    if (pads.length !== 4)
      context.fail(`only 2-D windows are supported (pads has ${pads.length} values)`);
    padding = [pads[0]!, pads[1]!, pads[2]!, pads[3]!];
  }
  return { kernel, stride, dilation, padding };
}

function weightDims(context: NodeContext): readonly number[] {
  const dims = context.constant(1, "the weight").dims;
  if (dims.length !== 4)
    context.fail(`only 2-D convolutions are supported (weight has rank ${dims.length})`);
  return dims;
}

/** A weight whose input-channel dimension disagrees with the input is a broken file, not a model to price. */
function checkInputChannels(
  context: NodeContext,
  weightChannels: number,
  groups: number,
  channels: number,
): void {
  if (channels % groups !== 0 || weightChannels * groups !== channels)
    context.fail(
      `the weight takes ${weightChannels} input channels per group × ${groups} groups, the input has ${channels}`,
    );
}

const conv: NodeHandler = (context) => {
  const [outChannels, inPerGroup, kernelHeight, kernelWidth] = weightDims(context);
  const groups = context.attributes.int("group") ?? 1;
  if (groups < 1) context.fail(`group must be at least 1, got ${groups}`);
  const channels = context.shape(0)[1]!;
  checkInputChannels(context, inPerGroup!, groups, channels);
  if (outChannels! % groups !== 0)
    context.fail(`${outChannels} output channels do not split into ${groups} groups`);
  const attrs = {
    ...windowAttributes(context, [kernelHeight!, kernelWidth!]),
    outChannels: outChannels!,
    bias: context.hasInput(2),
  };
  const input = context.activation(0);
  if (groups > 1 && groups === channels) context.emit("depthwise_conv2d", [input], attrs);
  else context.emit("conv2d", [input], { ...attrs, groups });
};

const convTranspose: NodeHandler = (context) => {
  const [inChannels, outPerGroup, kernelHeight, kernelWidth] = weightDims(context);
  const groups = context.attributes.int("group") ?? 1;
  // ConvTranspose's weight is [C_in, C_out / group, kH, kW].
  if (inChannels !== context.shape(0)[1])
    context.fail(
      `the weight takes ${inChannels} input channels, the input has ${context.shape(0)[1]}`,
    );
  if (context.attributes.has("output_shape"))
    context.fail("output_shape is not supported; give pads instead");
  context.emit("transposed_conv2d", [context.activation(0)], {
    ...windowAttributes(context, [kernelHeight!, kernelWidth!]),
    outChannels: outPerGroup! * groups,
    groups,
    outputPadding: pairOf(context.attributes.ints("output_padding"), 0),
    bias: context.hasInput(2),
  });
};

function pool(kind: "max_pool" | "avg_pool"): NodeHandler {
  return (context: NodeContext) => {
    const kernel = context.attributes.ints("kernel_shape");
    if (kernel?.length !== 2) context.fail("only 2-D pooling is supported");
    const attrs = windowAttributes(context, [kernel[0]!, kernel[1]!]);
    if (attrs.dilation?.some((value) => value !== 1))
      context.fail("dilated pooling is not supported");
    const { dilation: _dilation, ...rest } = attrs;
    context.emit(kind, [context.activation(0)], {
      ...rest,
      ceilMode: context.attributes.int("ceil_mode") === 1,
    });
  };
}

const globalMaxPool: NodeHandler = (context) => {
  const [, , height, width] = context.shape(0);
  context.emit("max_pool", [context.activation(0)], { kernel: [height!, width!], stride: [1, 1] });
};

export const CONV_HANDLERS: Record<string, NodeHandler> = {
  Conv: conv,
  ConvTranspose: convTranspose,
  MaxPool: pool("max_pool"),
  AveragePool: pool("avg_pool"),
  GlobalAveragePool: (context) => void context.emit("global_avg_pool", [context.activation(0)], {}),
  GlobalMaxPool: globalMaxPool,
};
