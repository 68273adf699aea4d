import { ModelBuilder } from "../builder.ts";
import { classifier, convBn } from "./blocks.ts";
import { squeezeExcite } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * RegNetY-400MF (pycls RegNetY-400MF_dds_8gpu: widths 48/104/208/440,
 * depths 1/3/6/6, group width 8, squeeze-excite 0.25 of the block input),
 * 224×224.
 */
const STAGES: readonly (readonly [width: number, depth: number])[] = [
  [48, 1],
  [104, 3],
  [208, 6],
  [440, 6],
];
const GROUP_WIDTH = 8;

export const REGNETY_400MF: ZooModel = {
  id: "regnety-400mf",
  description: "RegNetY-400MF (pycls), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("regnety-400mf", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    let x = convBn(builder, "stem", image, { kernel: 3, out: 32, stride: 2 }, "relu");
    let channels = 32;
    STAGES.forEach(([width, depth], stage) => {
      for (let index = 0; index < depth; index++) {
        const name = `stage${stage + 1}.${index}`;
        const stride = index === 0 ? 2 : 1;
        let y = convBn(builder, `${name}.a`, x, { kernel: 1, out: width }, "relu");
        y = convBn(
          builder,
          `${name}.b`,
          y,
          { kernel: 3, out: width, stride, groups: width / GROUP_WIDTH },
          "relu",
        );
        y = squeezeExcite(
          builder,
          `${name}.se`,
          y,
          width,
          Math.round(channels * 0.25),
          "relu",
          "sigmoid",
        );
        y = convBn(builder, `${name}.c`, y, { kernel: 1, out: width });
        const shortcut =
          stride !== 1 || channels !== width
            ? convBn(builder, `${name}.proj`, x, { kernel: 1, out: width, stride })
            : x;
        x = builder.op("relu", `${name}.relu`, [builder.op("add", `${name}.add`, [y, shortcut])]);
        channels = width;
      }
    });
    classifier(builder, x);
    return builder.build();
  },
};
