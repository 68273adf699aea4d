import type { ModelBuilder } from "../builder.ts";
import { type Activation, activate, convBn, depthwiseBn } from "./blocks.ts";

/**
 * The mobile inverted-residual block (MobileNetV2's, MnasNet's,
 * MobileNetV3's, EfficientNet's MBConv) and its parts.
 */

/** Rounds channels to a multiple of `divisor`, never below 90 % of the request (the MobileNet/EfficientNet rule). */
export function roundChannels(channels: number, divisor = 8): number {
  const rounded = Math.max(divisor, Math.floor((channels + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * channels ? rounded + divisor : rounded;
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

/** [1×1 expand] → depthwise → [squeeze-excite] → 1×1 project (linear); residual add when shapes match. */
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
      : convBn(builder, `${name}.expand`, input, { kernel: 1, out: expanded }, activation);
  x = depthwiseBn(builder, `${name}.dw`, x, kernel, stride, activation, {
    dilation: options.dilation ?? 1,
  });
  if (options.squeeze) {
    const { reduced, activation: squeezeActivation, gate } = options.squeeze;
    x = squeezeExcite(builder, `${name}.se`, x, expanded, reduced, squeezeActivation, gate);
  }
  x = convBn(builder, `${name}.project`, x, { kernel: 1, out });
  return stride === 1 && channels === out ? builder.op("add", `${name}.add`, [x, input]) : x;
}
