import { ModelBuilder } from "../builder.ts";
import { concat, convAct, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/**
 * BlazeFace's backbone (Bazarevsky et al. 2019, front-camera model) as
 * ncnn's benchmark/blazeface.param builds it: 128×128, 16 single
 * BlazeBlocks, no detection heads.
 */

/** Single BlazeBlocks as (out channels, stride). */
// biome-ignore format: a layer table reads best in rows
const BLOCKS: readonly (readonly [number, number])[] = [
  [24, 1], [28, 1], [32, 2], [36, 1], [42, 1], [48, 2], [56, 1], [64, 1],
  [72, 1], [80, 1], [88, 1], [96, 2], [96, 1], [96, 1], [96, 1], [96, 1],
];

/**
 * Depthwise 3×3 → 1×1, plus the input (max-pooled when strided); where the
 * block widens, the shortcut is zero-padded in channels, which adds it to the
 * first channels only (split, add, concat).
 */
function blazeBlock(
  builder: ModelBuilder,
  name: string,
  input: string,
  channels: number,
  out: number,
  stride: number,
): string {
  const filtered = builder.depthwise(`${name}.dw`, input, { kernel: 3, stride, bias: true });
  const projected = builder.conv(`${name}.pw`, filtered, { kernel: 1, out, bias: true });
  const shortcut = stride === 1 ? input : pool(builder, "max_pool", `${name}.pool`, input, 2, 2);
  let sum: string;
  if (out === channels) sum = builder.op("add", `${name}.add`, [projected, shortcut]);
  else {
    const [head, tail] = builder.multiOp(
      "split",
      `${name}.split`,
      [projected],
      { axis: 1, splits: [channels, out - channels] },
      2,
    );
    const added = builder.op("add", `${name}.add`, [head!, shortcut]);
    sum = concat(builder, `${name}.concat`, [added, tail!]);
  }
  return builder.op("relu", `${name}.relu`, [sum]);
}

export const BLAZEFACE: ZooModel = {
  id: "blazeface",
  description: "BlazeFace backbone (ncnn benchmark layout), 128x128",
  build(dtype) {
    const builder = new ModelBuilder("blazeface", dtype);
    const image = builder.input("image", [1, 3, 128, 128]);
    let x = convAct(builder, "stem", image, { kernel: 5, out: 24, stride: 2 }, "relu");
    let channels = 24;
    BLOCKS.forEach(([out, stride], index) => {
      x = blazeBlock(builder, `block${index}`, x, channels, out, stride);
      channels = out;
    });
    return builder.build();
  },
};
