import type { ModelBuilder, Pair } from "../../../src/graph/builder.ts";
import { type Activation, activate } from "../../../src/graph/zoo/blocks.ts";

/**
 * Layer helpers for the calibration-only models (architectures the
 * calibration set measured but socsim's zoo does not bundle). Every conv is
 * conv → batchnorm → activation unless `bias` asks for the BN-free form.
 */

export interface ConvOptions {
  readonly stride?: Pair;
  readonly padding?: "same" | "valid";
  readonly groups?: number;
  readonly dilation?: Pair;
  /** Conv with bias and no batchnorm (Caffe-era nets). */
  readonly bias?: boolean;
  readonly activation?: Activation | "none";
}

export function conv(
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: Pair,
  out: number,
  options: ConvOptions = {},
): string {
  const activation = options.activation === "none" ? undefined : (options.activation ?? "relu");
  const convolved = builder.conv(name, input, {
    kernel,
    out,
    stride: options.stride ?? 1,
    groups: options.groups ?? 1,
    dilation: options.dilation ?? 1,
    padding: options.padding ?? "same",
    bias: options.bias ?? false,
  });
  const normalized = options.bias ? convolved : builder.op("batchnorm", `${name}.bn`, [convolved]);
  return activate(builder, name, normalized, activation);
}

export function depthwise(
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: number,
  stride: number,
  activation?: Activation,
  dilation = 1,
): string {
  const filtered = builder.depthwise(name, input, { kernel, stride, dilation });
  const normalized = builder.op("batchnorm", `${name}.bn`, [filtered]);
  return activate(builder, name, normalized, activation);
}

/** Depthwise k×k → pointwise 1×1, each with batchnorm; `activation` after each as the net has it. */
export function separable(
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: number,
  out: number,
  stride = 1,
  activation?: Activation,
): string {
  const filtered = depthwise(builder, `${name}.dw`, input, kernel, stride, activation);
  return conv(builder, `${name}.pw`, filtered, 1, out, { activation: activation ?? "none" });
}

export function concat(builder: ModelBuilder, name: string, inputs: readonly string[]): string {
  return builder.op("concat", name, inputs, { axis: 1 });
}

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
    ceilMode,
  });
}

/** Squeeze-and-excitation: pool → 1×1 reduce → act → 1×1 expand → gate → scale the input. */
export function squeezeExcite(
  builder: ModelBuilder,
  name: string,
  input: string,
  channels: number,
  reduced: number,
  activation: Activation,
  gate: "sigmoid" | "hard_sigmoid",
): string {
  const pooled = builder.op("global_avg_pool", `${name}.pool`, [input]);
  const squeezed = builder.conv(`${name}.reduce`, pooled, { kernel: 1, out: reduced, bias: true });
  const excited = activate(builder, `${name}.reduce`, squeezed, activation);
  const expanded = builder.conv(`${name}.expand`, excited, {
    kernel: 1,
    out: channels,
    bias: true,
  });
  const weights = builder.op(gate, `${name}.${gate}`, [expanded]);
  return builder.op("mul", `${name}.scale`, [input, weights]);
}

/** Rounds channels to a multiple of `divisor`, never below 90 % of the request (the MobileNet/EfficientNet rule). */
export function roundChannels(channels: number, divisor = 8): number {
  const rounded = Math.max(divisor, Math.floor((channels + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * channels ? rounded + divisor : rounded;
}

/** Global pool → flatten → FC → softmax. */
export function head(builder: ModelBuilder, input: string, classes = 1000): string {
  const pooled = builder.op("global_avg_pool", "head.pool", [input]);
  const flat = builder.op("flatten", "head.flatten", [pooled], { axis: 1 });
  const logits = builder.fullyConnected("head.fc", flat, classes);
  return builder.op("softmax", "head.softmax", [logits], { axis: -1 });
}

export interface InvertedResidualOptions {
  /** Channels after the 1×1 expansion (equal to the input's when the block has none). */
  readonly expanded: number;
  readonly out: number;
  readonly kernel: number;
  readonly stride: number;
  readonly activation: Activation;
  readonly dilation?: number;
  readonly squeeze?: {
    readonly reduced: number;
    readonly activation: Activation;
    readonly gate: "sigmoid" | "hard_sigmoid";
  };
}

/** MBConv: [1×1 expand] → depthwise → [squeeze-excite] → 1×1 project (linear); residual when shapes match. */
export function invertedResidual(
  builder: ModelBuilder,
  name: string,
  input: string,
  channels: number,
  options: InvertedResidualOptions,
): string {
  const { expanded, out, kernel, stride, activation } = options;
  let x =
    expanded === channels
      ? input
      : conv(builder, `${name}.expand`, input, 1, expanded, { activation });
  x = depthwise(builder, `${name}.dw`, x, kernel, stride, activation, options.dilation ?? 1);
  if (options.squeeze) {
    const { reduced, activation: squeezeActivation, gate } = options.squeeze;
    x = squeezeExcite(builder, `${name}.se`, x, expanded, reduced, squeezeActivation, gate);
  }
  x = conv(builder, `${name}.project`, x, 1, out, { activation: "none" });
  return stride === 1 && channels === out ? builder.op("add", `${name}.add`, [x, input]) : x;
}
