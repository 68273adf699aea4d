import { ModelBuilder } from "../../../src/graph/builder.ts";
import type { ZooModel } from "../../../src/graph/zoo/model.ts";
import { conv, depthwise, head, invertedResidual } from "./layers.ts";

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
    let x = conv(builder, "stem", image, 3, 32, { stride: 2 });
    x = depthwise(builder, "stem.dw", x, 3, 1, "relu");
    x = conv(builder, "stem.pw", x, 1, 16, { activation: "none" });
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
    head(builder, conv(builder, "head.conv", x, 1, 1280));
    return builder.build();
  },
};
