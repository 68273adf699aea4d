import { ModelBuilder } from "../builder.ts";
import { classifier, concat, convBn, pool } from "./blocks.ts";
import { branch } from "./inception-v4.ts";
import type { ZooModel } from "./model.ts";

/** Inception-ResNet-v2 (TF-slim inception_resnet_v2, as TFLite hosts it), 299×299. */

/** Branches → concat → linear 1×1 back to `channels` → add → ReLU (the last block of a run keeps no ReLU in slim's block8 only). */
function residual(
  builder: ModelBuilder,
  name: string,
  x: string,
  channels: number,
  branches: readonly string[],
  relu = true,
): string {
  const mixed = concat(builder, `${name}.concat`, branches);
  const up = builder.conv(`${name}.up`, mixed, { kernel: 1, out: channels, bias: true });
  const scaled = builder.op("mul", `${name}.scale`, [up], { operandShape: [1] });
  const sum = builder.op("add", `${name}.add`, [x, scaled]);
  return relu ? builder.op("relu", `${name}.relu`, [sum]) : sum;
}

export const INCEPTION_RESNET_V2: ZooModel = {
  id: "inception-resnet-v2",
  description: "Inception-ResNet-v2 (TF-slim), 299x299",
  build(dtype) {
    const builder = new ModelBuilder("inception-resnet-v2", dtype);
    let x = branch(builder, "stem", builder.input("image", [1, 3, 299, 299]), [
      [3, 32, 2, "valid"],
      [3, 32, 1, "valid"],
      [3, 64],
    ]);
    x = pool(builder, "max_pool", "stem.pool1", x, 3, 2);
    x = branch(builder, "stem.b", x, [
      [1, 80],
      [3, 192, 1, "valid"],
    ]);
    x = pool(builder, "max_pool", "stem.pool2", x, 3, 2);
    x = concat(builder, "mixed5b", [
      branch(builder, "mixed5b.b0", x, [[1, 96]]),
      branch(builder, "mixed5b.b1", x, [
        [1, 48],
        [5, 64],
      ]),
      branch(builder, "mixed5b.b2", x, [
        [1, 64],
        [3, 96],
        [3, 96],
      ]),
      branch(builder, "mixed5b.b3", pool(builder, "avg_pool", "mixed5b.pool", x, 3, 1, 1), [
        [1, 64],
      ]),
    ]);
    for (let index = 0; index < 10; index++) {
      const name = `block35.${index}`;
      x = residual(builder, name, x, 320, [
        branch(builder, `${name}.b0`, x, [[1, 32]]),
        branch(builder, `${name}.b1`, x, [
          [1, 32],
          [3, 32],
        ]),
        branch(builder, `${name}.b2`, x, [
          [1, 32],
          [3, 48],
          [3, 64],
        ]),
      ]);
    }
    x = concat(builder, "mixed6a", [
      branch(builder, "mixed6a.b0", x, [[3, 384, 2, "valid"]]),
      branch(builder, "mixed6a.b1", x, [
        [1, 256],
        [3, 256],
        [3, 384, 2, "valid"],
      ]),
      pool(builder, "max_pool", "mixed6a.pool", x, 3, 2),
    ]);
    for (let index = 0; index < 20; index++) {
      const name = `block17.${index}`;
      x = residual(builder, name, x, 1088, [
        branch(builder, `${name}.b0`, x, [[1, 192]]),
        branch(builder, `${name}.b1`, x, [
          [1, 128],
          [[1, 7], 160],
          [[7, 1], 192],
        ]),
      ]);
    }
    x = concat(builder, "mixed7a", [
      branch(builder, "mixed7a.b0", x, [
        [1, 256],
        [3, 384, 2, "valid"],
      ]),
      branch(builder, "mixed7a.b1", x, [
        [1, 256],
        [3, 288, 2, "valid"],
      ]),
      branch(builder, "mixed7a.b2", x, [
        [1, 256],
        [3, 288],
        [3, 320, 2, "valid"],
      ]),
      pool(builder, "max_pool", "mixed7a.pool", x, 3, 2),
    ]);
    for (let index = 0; index < 10; index++) {
      const name = `block8.${index}`;
      x = residual(
        builder,
        name,
        x,
        2080,
        [
          branch(builder, `${name}.b0`, x, [[1, 192]]),
          branch(builder, `${name}.b1`, x, [
            [1, 192],
            [[1, 3], 224],
            [[3, 1], 256],
          ]),
        ],
        index < 9,
      );
    }
    classifier(builder, convBn(builder, "conv7b", x, { kernel: 1, out: 1536 }, "relu"));
    return builder.build();
  },
};
