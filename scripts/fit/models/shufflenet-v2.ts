import { ModelBuilder } from "../../../src/graph/builder.ts";
import type { ZooModel } from "../../../src/graph/zoo/model.ts";
import { concat, conv, depthwise, head, pool } from "./layers.ts";

/** ShuffleNetV2 (Ma et al. 2018; torchvision layout), 224×224, at width 1.0× or 0.5×. */

function shuffle(
  builder: ModelBuilder,
  name: string,
  input: string,
  channels: number,
  size: number,
): string {
  const grouped = builder.op("reshape", `${name}.reshape`, [input], {
    shape: [1, 2, channels / 2, size, size],
  });
  const swapped = builder.op("transpose", `${name}.transpose`, [grouped], {
    permutation: [0, 2, 1, 3, 4],
  });
  return builder.op("reshape", `${name}.flatten`, [swapped], { shape: [1, channels, size, size] });
}

const STAGE_CHANNELS = { "1.0": [116, 232, 464], "0.5": [48, 96, 192] } as const;

function shufflenetV2(width: keyof typeof STAGE_CHANNELS): ZooModel {
  const id = width === "1.0" ? "shufflenet-v2" : `shufflenet-v2-${width}`;
  return {
    id,
    description: `ShuffleNetV2 ${width}x (torchvision layout), 224x224`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 224, 224]);
      let x = conv(builder, "stem", image, 3, 24, { stride: 2 });
      x = pool(builder, "max_pool", "stem.pool", x, 3, 2, 1);
      let size = 56;
      STAGE_CHANNELS[width].forEach((out, stage) => {
        const half = out / 2;
        const repeats = [4, 8, 4][stage]!;
        for (let index = 0; index < repeats; index++) {
          const name = `stage${stage + 2}.${index}`;
          let left: string;
          let right: string;
          if (index === 0) {
            size /= 2;
            left = depthwise(builder, `${name}.branch1.dw`, x, 3, 2);
            left = conv(builder, `${name}.branch1.pw`, left, 1, half);
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
          right = conv(builder, `${name}.branch2.pw1`, right, 1, half);
          right = depthwise(builder, `${name}.branch2.dw`, right, 3, index === 0 ? 2 : 1);
          right = conv(builder, `${name}.branch2.pw2`, right, 1, half);
          x = shuffle(
            builder,
            `${name}.shuffle`,
            concat(builder, `${name}.concat`, [left, right]),
            out,
            size,
          );
        }
      });
      x = conv(builder, "conv5", x, 1, 1024);
      head(builder, x);
      return builder.build();
    },
  };
}

export const SHUFFLENET_V2 = shufflenetV2("1.0");
export const SHUFFLENET_V2_HALF = shufflenetV2("0.5");
