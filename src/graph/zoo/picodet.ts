import { ModelBuilder } from "../builder.ts";
import { concat, convBn, separableBn } from "./blocks.ts";
import { cspBlock } from "./csp-darknet.ts";
import { esnetTrunk } from "./esnet.ts";
import type { ZooModel } from "./model.ts";
import { ppLcnetTrunk } from "./pp-lcnet.ts";

/**
 * PicoDet with the LCNet backbone (PaddleDetection configs/picodet
 * picodet_{xs,s,m,l}_*_coco_lcnet: LCNet, LCPAN neck, PicoHeadV2), 80 COCO
 * classes, as exported without post-processing. Every conv is followed by
 * batchnorm and hard-swish unless said otherwise; the separable pairs are a
 * 5×5 depthwise conv then a 1×1 conv.
 *
 * Neck: each backbone level (strides 8, 16, 32) to `channels` by a 1×1 conv;
 * top-down, the coarser level upsampled 2× (nearest) is joined with the finer
 * and mixed by two separable pairs (2C → 2C → C); bottom-up, the finer output
 * downsampled by a stride-2 separable pair is joined with the next level and
 * mixed likewise; a stride-64 level adds stride-2 separable pairs of the
 * stride-32 input and output.
 *
 * Head, per level: `convs` separable pairs; a squeeze-excite (pool, 1×1 conv,
 * sigmoid gate, then a 1×1 conv); 1×1 convs to the class logits and the
 * 4 × 8 distance bins; an alignment branch (5×5 conv to one channel, 1×1
 * conv without activation, sigmoid) that scales the sigmoid class scores.
 * The square root of the aligned score is not priced.
 *
 * The first PicoDet (PaddleDetection legacy_model configs, here its one-class
 * pedestrian detector for PP-TinyPose) differs in three places: an ESNet
 * backbone, CSP blocks (two 1×1 branches, one through a 1×1 conv and a 5×5
 * separable pair, joined by a 1×1 conv) as the neck's mixing blocks, and a
 * head of separable pairs and one 1×1 conv to the class logits and distance
 * bins together.
 */

const CLASSES = 80;
const DISTANCE_BINS = 4 * (7 + 1);

interface PicoDetSize {
  readonly name: "xs" | "s" | "m" | "l";
  readonly width: number;
  readonly channels: number;
  readonly convs: number;
}

const SIZES: readonly PicoDetSize[] = [
  { name: "xs", width: 0.35, channels: 96, convs: 2 },
  { name: "s", width: 0.75, channels: 96, convs: 2 },
  { name: "m", width: 1.5, channels: 128, convs: 4 },
  { name: "l", width: 2, channels: 160, convs: 4 },
];

const act = "hard_swish" as const;

type Mix = (builder: ModelBuilder, name: string, input: string, channels: number) => string;

/** LCPAN: two separable pairs mixing a joined 2C-channel map down to C. */
const separableMix: Mix = (builder, name, input, channels) => {
  const widened = separableBn(builder, `${name}.0`, input, 5, 2 * channels, 1, act);
  return separableBn(builder, `${name}.1`, widened, 5, channels, 1, act);
};

/** CSP-PAN: one CSP block with a 5×5 separable bottleneck. */
const cspMix: Mix = (builder, name, input, channels) =>
  cspBlock(
    builder,
    name,
    input,
    { out: channels, repeats: 1, shortcut: false },
    { depthwise: true, kernel: 5, activation: act },
  );

function neck(
  builder: ModelBuilder,
  features: readonly string[],
  channels: number,
  mix: Mix,
): string[] {
  const levels = features.map((feature, level) =>
    convBn(builder, `neck.reduce${level}`, feature, { kernel: 1, out: channels }, act),
  );
  const inner = [levels[2]!];
  for (let level = 2; level > 0; level--) {
    const upsampled = builder.op("resize", `neck.up${level}`, [inner[0]!], {
      scale: [2, 2],
      mode: "nearest",
    });
    const joined = concat(builder, `neck.topdown${level - 1}.join`, [
      upsampled,
      levels[level - 1]!,
    ]);
    inner.unshift(mix(builder, `neck.topdown${level - 1}`, joined, channels));
  }
  const outputs = [inner[0]!];
  for (let level = 0; level < 2; level++) {
    const down = separableBn(builder, `neck.down${level}`, outputs.at(-1)!, 5, channels, 2, act);
    const joined = concat(builder, `neck.bottomup${level + 1}.join`, [down, inner[level + 1]!]);
    outputs.push(mix(builder, `neck.bottomup${level + 1}`, joined, channels));
  }
  const top = builder.op("add", "neck.top", [
    separableBn(builder, "neck.top.input", levels[2]!, 5, channels, 2, act),
    separableBn(builder, "neck.top.output", outputs.at(-1)!, 5, channels, 2, act),
  ]);
  return [...outputs, top];
}

function head(
  builder: ModelBuilder,
  name: string,
  input: string,
  size: Pick<PicoDetSize, "channels" | "convs">,
): void {
  const { channels, convs } = size;
  let x = input;
  for (let index = 0; index < convs; index++)
    x = separableBn(builder, `${name}.conv${index}`, x, 5, channels, 1, act);
  const gate = builder.op("sigmoid", `${name}.se.sigmoid`, [
    builder.conv(`${name}.se.fc`, builder.op("global_avg_pool", `${name}.se.pool`, [x]), {
      kernel: 1,
      out: channels,
      bias: true,
    }),
  ]);
  const excited = convBn(
    builder,
    `${name}.se.conv`,
    builder.op("mul", `${name}.se.scale`, [x, gate]),
    { kernel: 1, out: channels },
    act,
  );
  const logits = builder.conv(`${name}.classes`, excited, { kernel: 1, out: CLASSES, bias: true });
  builder.conv(`${name}.boxes`, excited, { kernel: 1, out: DISTANCE_BINS, bias: true });
  const align = convBn(
    builder,
    `${name}.align.pw`,
    convBn(builder, `${name}.align.conv`, x, { kernel: 5, out: 1 }, act),
    { kernel: 1, out: 1 },
  );
  builder.op("mul", `${name}.score`, [
    builder.op("sigmoid", `${name}.classes.sigmoid`, [logits]),
    builder.op("sigmoid", `${name}.align.sigmoid`, [align]),
  ]);
}

function picodet(size: PicoDetSize, resolution: number): ZooModel {
  const id = `picodet-${size.name}-${resolution}`;
  return {
    id,
    description: `PicoDet-${size.name.toUpperCase()} (PaddleDetection, LCNet ${size.width}x), ${resolution}x${resolution}`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, resolution, resolution]);
      const features = ppLcnetTrunk(builder, image, size.width).map(({ name }) => name);
      neck(builder, features, size.channels, separableMix).forEach((level, index) => {
        head(builder, `head${index}`, level, size);
      });
      return builder.build();
    },
  };
}

/** The first PicoDet-S (ESNet 0.75×) as PP-TinyPose's one-class pedestrian detector. */
function picodetPedestrian(resolution: number): ZooModel {
  const id = `picodet-s-pedestrian-${resolution}`;
  const channels = 96;
  return {
    id,
    description: `PicoDet-S-Pedestrian (PaddleDetection legacy, ESNet 0.75x, 1 class), ${resolution}x${resolution}`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, resolution, resolution]);
      const features = esnetTrunk(builder, image, {
        scale: 0.75,
        ratios: [0.875, 0.5, 0.5, 0.5, 0.625, 0.5, 0.625, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
        resolution,
      });
      neck(builder, features, channels, cspMix).forEach((level, index) => {
        let x = level;
        for (let conv = 0; conv < 2; conv++)
          x = separableBn(builder, `head${index}.conv${conv}`, x, 5, channels, 1, act);
        builder.conv(`head${index}.out`, x, { kernel: 1, out: 1 + DISTANCE_BINS, bias: true });
      });
      return builder.build();
    },
  };
}

/** The sizes and input resolutions PaddleDetection benchmarks on the Snapdragon 865. */
export const PICODET_MODELS: readonly ZooModel[] = [
  ...SIZES.flatMap((size) =>
    (size.name === "l" ? [320, 416, 640] : [320, 416]).map((resolution) =>
      picodet(size, resolution),
    ),
  ),
  ...[192, 320].map(picodetPedestrian),
];
