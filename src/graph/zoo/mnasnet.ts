import { ModelBuilder } from "../builder.ts";
import { classifier, convBn, depthwiseBn } from "./blocks.ts";
import { invertedResidual } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/** MnasNet-B1 1.0 (Tan et al. 2019; torchvision mnasnet1_0: ReLU, no squeeze-excite), 224×224. */

/** (expansion, out channels, repeats, first stride, kernel). */
// biome-ignore format: a layer table reads best in rows
const STAGES: readonly (readonly [number, number, number, number, number])[] = [
  [3, 24, 3, 2, 3], [3, 40, 3, 2, 5], [6, 80, 3, 2, 5],
  [6, 96, 2, 1, 3], [6, 192, 4, 2, 5], [6, 320, 1, 1, 3],
];

export const MNASNET: ZooModel = {
  id: "mnasnet",
  description: "MnasNet-B1 1.0 (torchvision mnasnet1_0), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("mnasnet", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    let x = convBn(builder, "stem", image, { kernel: 3, out: 32, stride: 2 }, "relu");
    x = depthwiseBn(builder, "stem.dw", x, 3, 1, "relu");
    x = convBn(builder, "stem.pw", x, { kernel: 1, out: 16 });
    let channels = 16;
    STAGES.forEach(([expansion, out, repeats, firstStride, kernel], stage) => {
      for (let index = 0; index < repeats; index++) {
        x = invertedResidual(builder, `stage${stage + 1}.${index}`, x, channels, {
          expanded: channels * expansion,
          out,
          kernel,
          stride: index === 0 ? firstStride : 1,
          activation: "relu",
        });
        channels = out;
      }
    });
    classifier(builder, convBn(builder, "head.conv", x, { kernel: 1, out: 1280 }, "relu"));
    return builder.build();
  },
};
