import { ModelBuilder } from "../builder.ts";
import { channelShuffle, classifier, concat, convBn, depthwiseBn, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/** ShuffleNetV2 (Ma et al. 2018; torchvision layout), 224×224, at the widths the calibration rows measured. */

/** Stage widths and the last 1×1 conv per width: torchvision's 0.5–2.0, PaddleClas's 0.25 and 0.33. */
const STAGE_CHANNELS = {
  "0.25": [[24, 48, 96], 512],
  "0.33": [[32, 64, 128], 512],
  "0.5": [[48, 96, 192], 1024],
  "1.0": [[116, 232, 464], 1024],
  "1.5": [[176, 352, 704], 1024],
  "2.0": [[244, 488, 976], 2048],
} as const;

export type ShuffleNetV2Width = keyof typeof STAGE_CHANNELS;

/**
 * Stem, max-pool and the three shuffle stages on a square `resolution`
 * input: each stage's output and channels, for classifiers and detectors.
 */
export function shufflenetV2Trunk(
  builder: ModelBuilder,
  image: string,
  options: {
    readonly width: ShuffleNetV2Width;
    readonly activation: "relu" | "swish" | "leaky_relu";
    readonly resolution: number;
  },
): { readonly name: string; readonly channels: number }[] {
  const { width, activation } = options;
  let x = convBn(builder, "stem", image, { kernel: 3, out: 24, stride: 2 }, activation);
  x = pool(builder, "max_pool", "stem.pool", x, 3, 2, 1);
  let size = options.resolution / 4;
  return STAGE_CHANNELS[width][0].map((out, stage) => {
    const half = out / 2;
    const repeats = [4, 8, 4][stage]!;
    for (let index = 0; index < repeats; index++) {
      const name = `stage${stage + 2}.${index}`;
      let left: string;
      let right: string;
      if (index === 0) {
        size = Math.ceil(size / 2);
        left = depthwiseBn(builder, `${name}.branch1.dw`, x, 3, 2);
        left = convBn(builder, `${name}.branch1.pw`, left, { kernel: 1, out: half }, activation);
        right = x;
      } else {
        const [first, second] = builder.multiOp(
          "split",
          `${name}.split`,
          [x],
          { axis: 1, splits: [half, half] },
          2,
        );
        left = first!;
        right = second!;
      }
      right = convBn(builder, `${name}.branch2.pw1`, right, { kernel: 1, out: half }, activation);
      right = depthwiseBn(builder, `${name}.branch2.dw`, right, 3, index === 0 ? 2 : 1);
      right = convBn(builder, `${name}.branch2.pw2`, right, { kernel: 1, out: half }, activation);
      x = channelShuffle(
        builder,
        `${name}.shuffle`,
        concat(builder, `${name}.concat`, [left, right]),
        { channels: out, size, groups: 2 },
      );
    }
    return { name: x, channels: out };
  });
}

/** `activation` swish is PaddleClas's ShuffleNetV2_swish (1.0×, every ReLU replaced). */
function shufflenetV2(width: ShuffleNetV2Width, activation: "relu" | "swish" = "relu"): ZooModel {
  const id = `shufflenet-v2${width === "1.0" ? "" : `-${width}`}${activation === "relu" ? "" : `-${activation}`}`;
  return {
    id,
    description: `ShuffleNetV2 ${width}x${activation === "relu" ? "" : ` with ${activation}`} (torchvision layout), 224x224`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 224, 224]);
      const stages = shufflenetV2Trunk(builder, image, { width, activation, resolution: 224 });
      const x = convBn(
        builder,
        "conv5",
        stages[2]!.name,
        { kernel: 1, out: STAGE_CHANNELS[width][1] },
        activation,
      );
      classifier(builder, x);
      return builder.build();
    },
  };
}

export const SHUFFLENET_V2 = shufflenetV2("1.0");
export const SHUFFLENET_V2_HALF = shufflenetV2("0.5");
export const SHUFFLENET_V2_SWISH = shufflenetV2("1.0", "swish");
export const SHUFFLENET_V2_VARIANTS: readonly ZooModel[] = (
  ["0.25", "0.33", "1.5", "2.0"] as const
).map((width) => shufflenetV2(width));
