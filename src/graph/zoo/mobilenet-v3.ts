import { ModelBuilder } from "../builder.ts";
import { convBn } from "./blocks.ts";
import { invertedResidual, roundChannels } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * MobileNetV3 (Howard et al. 2019, Tables 1 and 2; torchvision layout),
 * 224×224, Large and Small, at the width multipliers PaddleClas publishes
 * (every channel count scaled and rounded to a multiple of 8; the last
 * fully-connected layer keeps its width).
 */

/** (kernel, expanded, out, squeeze-excite, hard-swish, stride). */
type Block = readonly [number, number, number, boolean, boolean, number];

// biome-ignore format: a layer table reads best in rows
const LARGE: readonly Block[] = [
  [3, 16, 16, false, false, 1], [3, 64, 24, false, false, 2], [3, 72, 24, false, false, 1],
  [5, 72, 40, true, false, 2], [5, 120, 40, true, false, 1], [5, 120, 40, true, false, 1],
  [3, 240, 80, false, true, 2], [3, 200, 80, false, true, 1], [3, 184, 80, false, true, 1],
  [3, 184, 80, false, true, 1], [3, 480, 112, true, true, 1], [3, 672, 112, true, true, 1],
  [5, 672, 160, true, true, 2], [5, 960, 160, true, true, 1], [5, 960, 160, true, true, 1],
];

// biome-ignore format: a layer table reads best in rows
const SMALL: readonly Block[] = [
  [3, 16, 16, true, false, 2], [3, 72, 24, false, false, 2], [3, 88, 24, false, false, 1],
  [5, 96, 40, true, true, 2], [5, 240, 40, true, true, 1], [5, 240, 40, true, true, 1],
  [5, 120, 48, true, true, 1], [5, 144, 48, true, true, 1], [5, 288, 96, true, true, 2],
  [5, 576, 96, true, true, 1], [5, 576, 96, true, true, 1],
];

const VARIANTS = {
  large: { blocks: LARGE, headConv: 960, hidden: 1280 },
  small: { blocks: SMALL, headConv: 576, hidden: 1024 },
} as const;

function mobilenetV3(variant: keyof typeof VARIANTS, width: number): ZooModel {
  const { blocks, headConv, hidden } = VARIANTS[variant];
  const id = width === 1 ? `mobilenet-v3-${variant}` : `mobilenet-v3-${variant}-${width}`;
  const scaled = (channels: number) => roundChannels(channels * width);
  return {
    id,
    description: `MobileNetV3-${variant === "large" ? "Large" : "Small"} ${width.toFixed(2)}x (Howard et al. 2019; PaddleClas widths), 224x224`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 224, 224]);
      let channels = scaled(16);
      let x = convBn(builder, "stem", image, { kernel: 3, out: channels, stride: 2 }, "hard_swish");
      blocks.forEach(([kernel, baseExpanded, baseOut, squeeze, hardSwish, stride], index) => {
        const expanded = scaled(baseExpanded);
        const out = scaled(baseOut);
        x = invertedResidual(builder, `block${index + 1}`, x, channels, {
          expanded,
          out,
          kernel,
          stride,
          activation: hardSwish ? "hard_swish" : "relu",
          ...(squeeze
            ? {
                squeeze: {
                  reduced: roundChannels(expanded / 4),
                  activation: "relu" as const,
                  gate: "hard_sigmoid" as const,
                },
              }
            : {}),
        });
        channels = out;
      });
      x = convBn(builder, "head.conv", x, { kernel: 1, out: scaled(headConv) }, "hard_swish");
      const pooled = builder.op("global_avg_pool", "head.pool", [x]);
      const flat = builder.op("flatten", "head.flatten", [pooled], { axis: 1 });
      const features = builder.op("hard_swish", "head.fc1.hard_swish", [
        builder.fullyConnected("head.fc1", flat, hidden),
      ]);
      builder.op("softmax", "head.softmax", [builder.fullyConnected("head.fc2", features, 1000)], {
        axis: -1,
      });
      return builder.build();
    },
  };
}

export const MOBILENET_V3_LARGE = mobilenetV3("large", 1);

/** The other MobileNetV3 widths the calibration rows measured (PaddleClas on the Snapdragon 855). */
export const MOBILENET_V3_VARIANTS: readonly ZooModel[] = [
  ...[0.35, 0.5, 0.75, 1.25].map((width) => mobilenetV3("large", width)),
  ...[0.35, 0.5, 0.75, 1, 1.25].map((width) => mobilenetV3("small", width)),
];
