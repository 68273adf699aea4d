import { ModelBuilder } from "../builder.ts";
import { convBn } from "./blocks.ts";
import { invertedResidual, roundChannels } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/** MobileNetV3-Large 1.0 (Howard et al. 2019, Table 1), 224×224. */

/** (kernel, expanded, out, squeeze-excite, hard-swish, stride). */
// biome-ignore format: a layer table reads best in rows
const BLOCKS: readonly (readonly [number, number, number, boolean, boolean, number])[] = [
  [3, 16, 16, false, false, 1], [3, 64, 24, false, false, 2], [3, 72, 24, false, false, 1],
  [5, 72, 40, true, false, 2], [5, 120, 40, true, false, 1], [5, 120, 40, true, false, 1],
  [3, 240, 80, false, true, 2], [3, 200, 80, false, true, 1], [3, 184, 80, false, true, 1],
  [3, 184, 80, false, true, 1], [3, 480, 112, true, true, 1], [3, 672, 112, true, true, 1],
  [5, 672, 160, true, true, 2], [5, 960, 160, true, true, 1], [5, 960, 160, true, true, 1],
];

export const MOBILENET_V3_LARGE: ZooModel = {
  id: "mobilenet-v3-large",
  description: "MobileNetV3-Large 1.0 (Howard et al. 2019), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("mobilenet-v3-large", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    let x = convBn(builder, "stem", image, { kernel: 3, out: 16, stride: 2 }, "hard_swish");
    let channels = 16;
    BLOCKS.forEach(([kernel, expanded, out, squeeze, hardSwish, stride], index) => {
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
    x = convBn(builder, "head.conv", x, { kernel: 1, out: 960 }, "hard_swish");
    const pooled = builder.op("global_avg_pool", "head.pool", [x]);
    const flat = builder.op("flatten", "head.flatten", [pooled], { axis: 1 });
    const hidden = builder.op("hard_swish", "head.fc1.hard_swish", [
      builder.fullyConnected("head.fc1", flat, 1280),
    ]);
    builder.op("softmax", "head.softmax", [builder.fullyConnected("head.fc2", hidden, 1000)], {
      axis: -1,
    });
    return builder.build();
  },
};
