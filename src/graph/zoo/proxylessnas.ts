import { ModelBuilder } from "../builder.ts";
import { classifier, convBn, depthwiseBn } from "./blocks.ts";
import { invertedResidual } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * ProxylessNAS (Cai et al. 2019) as ncnn's benchmark/proxylessnasnet.param
 * builds it, 224×224: MBConv blocks with ReLU6, searched kernel sizes and
 * expansions.
 */

/** Blocks after the first as (expanded channels, out, kernel, stride). */
// biome-ignore format: a layer table reads best in rows
const BLOCKS: readonly (readonly [number, number, number, number])[] = [
  [48, 32, 5, 2], [96, 32, 3, 1],
  [96, 40, 7, 2], [120, 40, 3, 1], [120, 40, 5, 1], [120, 40, 5, 1],
  [240, 80, 7, 2], [240, 80, 5, 1], [240, 80, 5, 1], [240, 80, 5, 1],
  [480, 96, 5, 1], [288, 96, 5, 1], [288, 96, 5, 1], [288, 96, 5, 1],
  [576, 192, 7, 2], [1152, 192, 7, 1], [576, 192, 7, 1], [576, 192, 7, 1],
  [1152, 320, 7, 1],
];

export const PROXYLESSNAS: ZooModel = {
  id: "proxylessnas",
  description: "ProxylessNAS (ncnn benchmark proxylessnasnet layout), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("proxylessnas", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    let x = convBn(builder, "stem", image, { kernel: 3, out: 32, stride: 2 }, "relu6");
    // The first block: depthwise 3×3 → linear 1×1, with no shortcut.
    x = depthwiseBn(builder, "block0.dw", x, 3, 1, "relu6");
    x = convBn(builder, "block0.project", x, { kernel: 1, out: 32 });
    let channels = 32;
    BLOCKS.forEach(([expanded, out, kernel, stride], index) => {
      x = invertedResidual(builder, `block${index + 1}`, x, channels, {
        expanded,
        out,
        kernel,
        stride,
        activation: "relu6",
      });
      channels = out;
    });
    x = convBn(builder, "last", x, { kernel: 1, out: 1280 }, "relu6");
    classifier(builder, x);
    return builder.build();
  },
};
