import { ModelBuilder } from "../builder.ts";
import { classifier, concat, convAct, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/** GoogLeNet (Szegedy et al. 2015; BVLC Caffe layout with 5×5 branches, LRN omitted), 224×224. */

type InceptionRow = readonly [
  c1: number,
  c3r: number,
  c3: number,
  c5r: number,
  c5: number,
  poolProj: number,
];

// biome-ignore format: a layer table reads best in rows
const BLOCKS: readonly (InceptionRow | "pool")[] = [
  [64, 96, 128, 16, 32, 32], [128, 128, 192, 32, 96, 64], "pool",
  [192, 96, 208, 16, 48, 64], [160, 112, 224, 24, 64, 64], [128, 128, 256, 24, 64, 64],
  [112, 144, 288, 32, 64, 64], [256, 160, 320, 32, 128, 128], "pool",
  [256, 160, 320, 32, 128, 128], [384, 192, 384, 48, 128, 128],
];

export const GOOGLENET: ZooModel = {
  id: "googlenet",
  description: "GoogLeNet / Inception v1 (BVLC Caffe), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("googlenet", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    let x = convAct(builder, "conv1", image, { kernel: 7, out: 64, stride: 2 }, "relu");
    x = pool(builder, "max_pool", "pool1", x, 3, 2, 0, true);
    x = convAct(builder, "conv2.reduce", x, { kernel: 1, out: 64 }, "relu");
    x = convAct(builder, "conv2", x, { kernel: 3, out: 192 }, "relu");
    x = pool(builder, "max_pool", "pool2", x, 3, 2, 0, true);
    BLOCKS.forEach((block, index) => {
      if (block === "pool") {
        x = pool(builder, "max_pool", `pool.${index}`, x, 3, 2, 0, true);
        return;
      }
      const [c1, c3r, c3, c5r, c5, poolProj] = block;
      const name = `inception${index}`;
      const b1 = convAct(builder, `${name}.1x1`, x, { kernel: 1, out: c1 }, "relu");
      const b2 = convAct(
        builder,
        `${name}.3x3`,
        convAct(builder, `${name}.3x3r`, x, { kernel: 1, out: c3r }, "relu"),
        { kernel: 3, out: c3 },
        "relu",
      );
      const b3 = convAct(
        builder,
        `${name}.5x5`,
        convAct(builder, `${name}.5x5r`, x, { kernel: 1, out: c5r }, "relu"),
        { kernel: 5, out: c5 },
        "relu",
      );
      const pooled = pool(builder, "max_pool", `${name}.pool`, x, 3, 1, 1);
      const b4 = convAct(builder, `${name}.poolproj`, pooled, { kernel: 1, out: poolProj }, "relu");
      x = concat(builder, `${name}.concat`, [b1, b2, b3, b4]);
    });
    classifier(builder, x);
    return builder.build();
  },
};
