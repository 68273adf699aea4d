import { ModelBuilder } from "../builder.ts";
import { classifier, convBn, depthwiseBn } from "./blocks.ts";
import { invertedResidual } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/** MobileNetV1 1.0 depthwise-separable blocks as (out channels, stride), models.md §10. */
// biome-ignore format: a layer table reads best in rows
const MOBILENET_V1_BLOCKS: readonly (readonly [number, number])[] = [
  [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2],
  [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2],
  [1024, 1],
];

export const MOBILENET_V1: ZooModel = {
  id: "mobilenet-v1",
  description: "MobileNetV1 1.0 (Howard et al. 2017), 224x224, ReLU6 as in the TF/TFLite graphs",
  build(dtype) {
    const builder = new ModelBuilder("mobilenet-v1", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    let x = convBn(builder, "stem", image, { kernel: 3, stride: 2, out: 32 }, "relu6");
    MOBILENET_V1_BLOCKS.forEach(([out, stride], index) => {
      x = depthwiseBn(builder, `block${index + 1}.dw`, x, 3, stride, "relu6");
      x = convBn(builder, `block${index + 1}.pw`, x, { kernel: 1, out }, "relu6");
    });
    classifier(builder, x);
    return builder.build();
  },
};

/**
 * An inverted-residual stage: (expansion t, out channels c, repeats n,
 * first stride s, depthwise kernel k). MobileNetV2 and EfficientNet-Lite
 * share the block.
 */
export type InvertedResidualStage = readonly [
  t: number,
  c: number,
  n: number,
  s: number,
  k: number,
];

/** Inverted residual stages, then a 1×1 head conv and the classifier. */
export function invertedResidualNet(
  builder: ModelBuilder,
  image: string,
  stages: readonly InvertedResidualStage[],
  headChannels: number,
): void {
  let x = convBn(builder, "stem", image, { kernel: 3, stride: 2, out: 32 }, "relu6");
  let channels = 32;
  stages.forEach(([expansion, out, repeats, firstStride, kernel], stage) => {
    for (let index = 0; index < repeats; index++) {
      const name = `stage${stage + 1}.${index}`;
      const stride = index === 0 ? firstStride : 1;
      x = invertedResidual(builder, name, x, channels, {
        expanded: channels * expansion,
        out,
        kernel,
        stride,
        activation: "relu6",
      });
      channels = out;
    }
  });
  x = convBn(builder, "head.conv", x, { kernel: 1, out: headChannels }, "relu6");
  classifier(builder, x);
}

/** MobileNetV2 1.0 (Sandler et al. 2018, Table 2; torchvision), models.md §10. */
// biome-ignore format: a layer table reads best in rows
const MOBILENET_V2_STAGES: readonly InvertedResidualStage[] = [
  [1, 16, 1, 1, 3], [6, 24, 2, 2, 3], [6, 32, 3, 2, 3], [6, 64, 4, 2, 3],
  [6, 96, 3, 1, 3], [6, 160, 3, 2, 3], [6, 320, 1, 1, 3],
];

export const MOBILENET_V2: ZooModel = {
  id: "mobilenet-v2",
  description: "MobileNetV2 1.0 (torchvision), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("mobilenet-v2", dtype);
    invertedResidualNet(
      builder,
      builder.input("image", [1, 3, 224, 224]),
      MOBILENET_V2_STAGES,
      1280,
    );
    return builder.build();
  },
};

/** EfficientNet-Lite0 MBConv stages (tensorflow/tpu lite builder: ReLU6, no squeeze-excite), models.md §11. */
// biome-ignore format: a layer table reads best in rows
const EFFICIENTNET_LITE0_STAGES: readonly InvertedResidualStage[] = [
  [1, 16, 1, 1, 3], [6, 24, 2, 2, 3], [6, 40, 2, 2, 5], [6, 80, 3, 2, 3],
  [6, 112, 3, 1, 5], [6, 192, 4, 2, 5], [6, 320, 1, 1, 3],
];

export const EFFICIENTNET_LITE0: ZooModel = {
  id: "efficientnet-lite0",
  description:
    "EfficientNet-Lite0 (tensorflow/tpu lite builder), 224x224, no squeeze-excite, ReLU6",
  build(dtype) {
    const builder = new ModelBuilder("efficientnet-lite0", dtype);
    invertedResidualNet(
      builder,
      builder.input("image", [1, 3, 224, 224]),
      EFFICIENTNET_LITE0_STAGES,
      1280,
    );
    return builder.build();
  },
};
