import { ModelBuilder } from "../builder.ts";
import { separableBn } from "./blocks.ts";
import type { ZooModel } from "./model.ts";
import { type ShuffleNetV2Width, shufflenetV2Trunk } from "./shufflenet-v2.ts";

/**
 * NanoDet-m (RangiLyu/nanodet v0.x configs nanodet-m, -416 and -1.5x-416),
 * 80 COCO classes: a ShuffleNetV2 trunk with leaky ReLU and no last conv;
 * a convolution-free PAN (1×1 lateral convs with bias, then bilinear 2×
 * upsampling added top-down and bilinear ½× downsampling added bottom-up);
 * per level (strides 8, 16, 32) two depthwise-separable conv pairs (batchnorm
 * and leaky ReLU after each conv) and one 1×1 conv giving the class scores
 * and the 4 × 8 distance bins together. Box decoding and NMS are not priced.
 */

const CLASSES = 80;
const DISTANCE_BINS = 4 * (7 + 1);

function nanodet(
  id: string,
  width: ShuffleNetV2Width,
  channels: number,
  resolution: number,
): ZooModel {
  return {
    id,
    description: `NanoDet-m ${width}x (RangiLyu/nanodet), ${resolution}x${resolution}`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, resolution, resolution]);
      const stages = shufflenetV2Trunk(builder, image, {
        width,
        activation: "leaky_relu",
        resolution,
      });
      const laterals = stages.map(({ name }, level) =>
        builder.conv(`pan.lateral${level}`, name, { kernel: 1, out: channels, bias: true }),
      );
      for (let level = laterals.length - 1; level > 0; level--) {
        const upsampled = builder.op("resize", `pan.up${level}`, [laterals[level]!], {
          scale: [2, 2],
          mode: "bilinear",
        });
        laterals[level - 1] = builder.op("add", `pan.topdown${level - 1}`, [
          laterals[level - 1]!,
          upsampled,
        ]);
      }
      for (let level = 0; level < laterals.length - 1; level++) {
        const downsampled = builder.op("resize", `pan.down${level}`, [laterals[level]!], {
          scale: [0.5, 0.5],
          mode: "bilinear",
        });
        laterals[level + 1] = builder.op("add", `pan.bottomup${level + 1}`, [
          laterals[level + 1]!,
          downsampled,
        ]);
      }
      laterals.forEach((feature, level) => {
        let x = feature;
        for (let index = 0; index < 2; index++)
          x = separableBn(builder, `head${level}.conv${index}`, x, 3, channels, 1, "leaky_relu");
        builder.conv(`head${level}.out`, x, {
          kernel: 1,
          out: CLASSES + DISTANCE_BINS,
          bias: true,
        });
      });
      return builder.build();
    },
  };
}

export const NANODET_MODELS: readonly ZooModel[] = [
  nanodet("nanodet-m", "1.0", 96, 320),
  nanodet("nanodet-m-416", "1.0", 96, 416),
  nanodet("nanodet-m-1.5x-416", "1.5", 128, 416),
];
