import { ModelBuilder } from "../builder.ts";
import { classifier, convBn } from "./blocks.ts";
import { invertedResidual } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * EfficientNetV2-B0 (Tan & Le 2021, arXiv 2104.00298; the base stage table of
 * google/automl's efficientnetv2, width and depth 1.0), 224×224, swish: three
 * stages of fused MBConv (a 3×3 conv does the expansion, then a linear 1×1
 * projection; at expansion 1 the 3×3 conv is the whole block), then MBConv
 * stages with squeeze-excite reduced to a quarter of the block's input.
 */

/** (fused, expansion, out channels, repeats, first stride); every kernel is 3×3. */
// biome-ignore format: a layer table reads best in rows
const STAGES: readonly (readonly [boolean, number, number, number, number])[] = [
  [true, 1, 16, 1, 1], [true, 4, 32, 2, 2], [true, 4, 48, 2, 2],
  [false, 4, 96, 3, 2], [false, 6, 112, 5, 1], [false, 6, 192, 8, 2],
];

function fusedMbConv(
  builder: ModelBuilder,
  name: string,
  input: string,
  channels: number,
  block: { readonly expansion: number; readonly out: number; readonly stride: number },
): string {
  const { expansion, out, stride } = block;
  let x: string;
  if (expansion === 1)
    x = convBn(builder, `${name}.conv`, input, { kernel: 3, out, stride }, "swish");
  else {
    const expanded = convBn(
      builder,
      `${name}.expand`,
      input,
      { kernel: 3, out: channels * expansion, stride },
      "swish",
    );
    x = convBn(builder, `${name}.project`, expanded, { kernel: 1, out });
  }
  return stride === 1 && channels === out ? builder.op("add", `${name}.add`, [x, input]) : x;
}

export const EFFICIENTNET_V2_B0: ZooModel = {
  id: "efficientnet-v2-b0",
  description: "EfficientNetV2-B0 (Tan & Le 2021, google/automl base stages), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("efficientnet-v2-b0", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    let channels = 32;
    let x = convBn(builder, "stem", image, { kernel: 3, out: channels, stride: 2 }, "swish");
    STAGES.forEach(([fused, expansion, out, repeats, firstStride], stage) => {
      for (let index = 0; index < repeats; index++) {
        const name = `stage${stage + 1}.${index}`;
        const stride = index === 0 ? firstStride : 1;
        x = fused
          ? fusedMbConv(builder, name, x, channels, { expansion, out, stride })
          : invertedResidual(builder, name, x, channels, {
              expanded: channels * expansion,
              out,
              kernel: 3,
              stride,
              activation: "swish",
              squeeze: {
                reduced: Math.max(1, Math.floor(channels * 0.25)),
                activation: "swish",
                gate: "sigmoid",
              },
            });
        channels = out;
      }
    });
    classifier(builder, convBn(builder, "head.conv", x, { kernel: 1, out: 1280 }, "swish"));
    return builder.build();
  },
};
