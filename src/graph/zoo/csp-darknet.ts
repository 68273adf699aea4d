import type { ModelBuilder } from "../builder.ts";
import { type Activation, concat, convBn, separableBn } from "./blocks.ts";

/**
 * The CSP-Darknet parts YOLOv5 and YOLOX share (and PicoDet's CSP-PAN
 * borrows): conv → batchnorm → SiLU (as a depthwise-separable pair in
 * YOLOX-Nano), the cross-stage bottleneck block (YOLOv5's C3, YOLOX's and
 * PaddleDetection's CSPLayer) and the PANet neck.
 */

export interface CspOptions {
  /** k×k convs become depthwise k×k then 1×1 pairs (YOLOX-Nano, PicoDet). */
  readonly depthwise: boolean;
  /** The bottlenecks' second conv: 3×3 unless stated (PicoDet's CSP-PAN: 5×5). */
  readonly kernel?: number;
  /** SiLU unless stated (PicoDet: hard-swish). */
  readonly activation?: Activation;
}

export function cspConv(
  builder: ModelBuilder,
  name: string,
  input: string,
  out: number,
  kernel = 1,
  stride = 1,
  options: CspOptions = { depthwise: false },
): string {
  const activation = options.activation ?? "swish";
  return options.depthwise && kernel > 1
    ? separableBn(builder, name, input, kernel, out, stride, activation)
    : convBn(builder, name, input, { kernel, out, stride }, activation);
}

/** Two 1×1 branches, one through `repeats` bottlenecks (1×1 then 3×3, residual when `shortcut`), joined by a 1×1 conv. */
export function cspBlock(
  builder: ModelBuilder,
  name: string,
  input: string,
  block: { readonly out: number; readonly repeats: number; readonly shortcut: boolean },
  options: CspOptions = { depthwise: false },
): string {
  const { out, repeats, shortcut } = block;
  const hidden = Math.floor(out / 2);
  let main = cspConv(builder, `${name}.cv1`, input, hidden, 1, 1, options);
  for (let index = 0; index < repeats; index++) {
    const reduced = cspConv(builder, `${name}.m${index}.cv1`, main, hidden, 1, 1, options);
    const kernel = options.kernel ?? 3;
    const inner = cspConv(builder, `${name}.m${index}.cv2`, reduced, hidden, kernel, 1, options);
    main = shortcut ? builder.op("add", `${name}.m${index}.add`, [main, inner]) : inner;
  }
  const side = cspConv(builder, `${name}.cv2`, input, hidden, 1, 1, options);
  const joined = concat(builder, `${name}.concat`, [main, side]);
  return cspConv(builder, `${name}.cv3`, joined, out, 1, 1, options);
}

/**
 * PANet over the stride-8, 16 and 32 maps of `channels`: top-down (1×1
 * reduce, nearest 2× upsample, join, CSP block), then bottom-up (3×3
 * stride-2 conv, join with the top-down reduction, CSP block). Returns the
 * three outputs, finest first.
 */
export function panNeck(
  builder: ModelBuilder,
  features: readonly [string, string, string],
  channels: readonly [number, number, number],
  repeats: number,
  options: CspOptions = { depthwise: false },
): [string, string, string] {
  const [c3, c4, c5] = channels;
  const block = (name: string, input: string, out: number) =>
    cspBlock(builder, name, input, { out, repeats, shortcut: false }, options);
  const up = (name: string, input: string) =>
    builder.op("resize", name, [input], { scale: [2, 2], mode: "nearest" });
  const lateral5 = cspConv(builder, "neck.lateral5", features[2], c4);
  const td4 = block(
    "neck.td4",
    concat(builder, "neck.td4.join", [up("neck.up4", lateral5), features[1]]),
    c4,
  );
  const lateral4 = cspConv(builder, "neck.lateral4", td4, c3);
  const p3 = block(
    "neck.td3",
    concat(builder, "neck.td3.join", [up("neck.up3", lateral4), features[0]]),
    c3,
  );
  const down4 = cspConv(builder, "neck.down4", p3, c3, 3, 2, options);
  const p4 = block("neck.bu4", concat(builder, "neck.bu4.join", [down4, lateral4]), c4);
  const down5 = cspConv(builder, "neck.down5", p4, c4, 3, 2, options);
  const p5 = block("neck.bu5", concat(builder, "neck.bu5.join", [down5, lateral5]), c5);
  return [p3, p4, p5];
}
