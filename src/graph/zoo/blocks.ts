import type { ConvSpec, ModelBuilder } from "../builder.ts";
import type { OpKind } from "../op-kinds.ts";

export type Activation = Extract<
  OpKind,
  "relu" | "relu6" | "leaky_relu" | "sigmoid" | "swish" | "hard_swish" | "tanh"
>;

/** Applies an activation (leaky ReLU with `slope`) when one is given. */
export function activate(
  builder: ModelBuilder,
  name: string,
  input: string,
  activation: Activation | undefined,
  slope = 0.1,
): string {
  if (activation === undefined) return input;
  const attrs = activation === "leaky_relu" ? { slope } : {};
  return builder.op(activation, `${name}.${activation}`, [input], attrs);
}

/** conv (no bias) → batchnorm → activation: the training-time form of most CNN layers. */
export function convBn(
  builder: ModelBuilder,
  name: string,
  input: string,
  spec: ConvSpec,
  activation?: Activation,
  slope?: number,
): string {
  const conv = builder.conv(name, input, { ...spec, bias: false });
  const normalized = builder.op("batchnorm", `${name}.bn`, [conv]);
  return activate(builder, name, normalized, activation, slope);
}

/** conv with bias → activation: the form of VGG-era nets and of graphs with BN folded away. */
export function convAct(
  builder: ModelBuilder,
  name: string,
  input: string,
  spec: ConvSpec,
  activation?: Activation,
  slope?: number,
): string {
  const conv = builder.conv(name, input, { ...spec, bias: true });
  return activate(builder, name, conv, activation, slope);
}

/** depthwise k×k (no bias) → batchnorm → activation; `dilation` for atrous nets. */
export function depthwiseBn(
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: number,
  stride: number,
  activation?: Activation,
  options: { readonly slope?: number; readonly dilation?: number } = {},
): string {
  const { slope, dilation = 1 } = options;
  const conv = builder.depthwise(name, input, { kernel, stride, dilation });
  const normalized = builder.op("batchnorm", `${name}.bn`, [conv]);
  return activate(builder, name, normalized, activation, slope);
}

/** Global average pool → flatten → FC(+bias) → softmax: the classifier every ImageNet net ends with. */
export function classifier(builder: ModelBuilder, input: string, classes = 1000): string {
  const pooled = builder.op("global_avg_pool", "head.pool", [input]);
  const flat = builder.op("flatten", "head.flatten", [pooled], { axis: 1 });
  const logits = builder.fullyConnected("head.fc", flat, classes);
  return builder.op("softmax", "head.softmax", [logits], { axis: -1 });
}

/** Depthwise k×k → pointwise 1×1, each with batchnorm; `activation` after each when the net has one. */
export function separableBn(
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: number,
  out: number,
  stride = 1,
  activation?: Activation,
): string {
  const filtered = depthwiseBn(builder, `${name}.dw`, input, kernel, stride, activation);
  return convBn(builder, `${name}.pw`, filtered, { kernel: 1, out }, activation);
}

/** Channel concatenation of branches (inception, fire and NAS cells). */
export function concat(builder: ModelBuilder, name: string, inputs: readonly string[]): string {
  return builder.op("concat", name, inputs, { axis: 1 });
}

/** Square max or average pool; `ceilMode` rounds the output size up, as Caffe-era nets do. */
export function pool(
  builder: ModelBuilder,
  kind: "max_pool" | "avg_pool",
  name: string,
  input: string,
  kernel: number,
  stride: number,
  padding = 0,
  ceilMode = false,
): string {
  return builder.op(kind, name, [input], {
    kernel: [kernel, kernel],
    stride: [stride, stride],
    padding: [padding, padding, padding, padding],
    ...(ceilMode ? { ceilMode } : {}),
  });
}

export function maxPool(
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: number,
  stride: number,
  padding = 0,
): string {
  return pool(builder, "max_pool", name, input, kernel, stride, padding);
}

/**
 * Channel shuffle (ShuffleNet): reshape to (groups, channels / groups), swap
 * the two, flatten back. `size` is the square map's side, or [height, width].
 */
export function channelShuffle(
  builder: ModelBuilder,
  name: string,
  input: string,
  shape: {
    readonly channels: number;
    readonly size: number | readonly [number, number];
    readonly groups: number;
  },
): string {
  const { channels, groups } = shape;
  const [height, width] = typeof shape.size === "number" ? [shape.size, shape.size] : shape.size;
  const grouped = builder.op("reshape", `${name}.reshape`, [input], {
    shape: [1, groups, channels / groups, height, width],
  });
  const swapped = builder.op("transpose", `${name}.transpose`, [grouped], {
    permutation: [0, 2, 1, 3, 4],
  });
  return builder.op("reshape", `${name}.flatten`, [swapped], {
    shape: [1, channels, height, width],
  });
}
