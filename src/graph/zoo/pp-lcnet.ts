import { ModelBuilder } from "../builder.ts";
import { convBn, depthwiseBn } from "./blocks.ts";
import { roundChannels, squeezeExcite } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * PP-LCNet (Cui et al. 2021, arXiv 2109.15099; PaddleClas NET_CONFIG),
 * 224×224: depthwise-separable blocks with hard-swish, squeeze-excite in the
 * last two, then a pooled 1×1 expansion to 1280 before the classifier. Widths
 * scale every channel count (rounded to a multiple of 8), not the 1280.
 */

/** (kernel, out channels at 1.0×, stride, squeeze-excite). */
// biome-ignore format: a layer table reads best in rows
const BLOCKS: readonly (readonly [number, number, number, boolean])[] = [
  [3, 32, 1, false],
  [3, 64, 2, false], [3, 64, 1, false],
  [3, 128, 2, false], [3, 128, 1, false],
  [3, 256, 2, false], [5, 256, 1, false], [5, 256, 1, false], [5, 256, 1, false],
  [5, 256, 1, false], [5, 256, 1, false],
  [5, 512, 2, true], [5, 512, 1, true],
];
/** Indices in BLOCKS of the last block at strides 8, 16 and 32. */
const STAGE_ENDS: readonly number[] = [4, 10, 12];

/**
 * Stem and the depthwise-separable blocks at `width`: the outputs at strides
 * 8, 16 and 32 (the last blocks of PaddleClas's blocks4, blocks5 and
 * blocks6) with their channels, for the classifier and detectors.
 */
export function ppLcnetTrunk(
  builder: ModelBuilder,
  image: string,
  width: number,
): { readonly name: string; readonly channels: number }[] {
  const scaled = (channels: number) => roundChannels(channels * width);
  let channels = scaled(16);
  let x = convBn(builder, "stem", image, { kernel: 3, out: channels, stride: 2 }, "hard_swish");
  const features: { name: string; channels: number }[] = [];
  BLOCKS.forEach(([kernel, baseOut, stride, squeeze], index) => {
    const name = `block${index + 1}`;
    x = depthwiseBn(builder, `${name}.dw`, x, kernel, stride, "hard_swish");
    if (squeeze)
      x = squeezeExcite(builder, `${name}.se`, x, channels, channels / 4, "relu", "hard_sigmoid");
    channels = scaled(baseOut);
    x = convBn(builder, `${name}.pw`, x, { kernel: 1, out: channels }, "hard_swish");
    if (STAGE_ENDS.includes(index)) features.push({ name: x, channels });
  });
  return features;
}

function ppLcnet(width: number): ZooModel {
  const id = `pp-lcnet-${width}`;
  return {
    id,
    description: `PP-LCNet ${width}x (PaddleClas), 224x224`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 224, 224]);
      const x = ppLcnetTrunk(builder, image, width).at(-1)!.name;
      const pooled = builder.op("global_avg_pool", "head.pool", [x]);
      const expanded = builder.op("hard_swish", "head.expand.hard_swish", [
        builder.conv("head.expand", pooled, { kernel: 1, out: 1280, bias: false }),
      ]);
      const flat = builder.op("flatten", "head.flatten", [expanded], { axis: 1 });
      builder.op("softmax", "head.softmax", [builder.fullyConnected("head.fc", flat, 1000)], {
        axis: -1,
      });
      return builder.build();
    },
  };
}

/** The widths PaddleClas benchmarks on the Snapdragon 855 (calibration-set-2 paddle_model_zoos). */
export const PP_LCNET_MODELS: readonly ZooModel[] = [0.25, 0.35, 0.5, 0.75, 1, 1.5, 2, 2.5].map(
  ppLcnet,
);
