import { ModelBuilder } from "../builder.ts";
import { concat, convAct, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/** SqueezeNet v1.0 and v1.1 (Iandola et al. 2016; torchvision layout, 224×224). */

export function fire(
  builder: ModelBuilder,
  name: string,
  input: string,
  squeeze: number,
  expand: number,
): string {
  const squeezed = convAct(builder, `${name}.squeeze`, input, { kernel: 1, out: squeeze }, "relu");
  const narrow = convAct(
    builder,
    `${name}.expand1x1`,
    squeezed,
    { kernel: 1, out: expand },
    "relu",
  );
  const wide = convAct(builder, `${name}.expand3x3`, squeezed, { kernel: 3, out: expand }, "relu");
  return concat(builder, `${name}.concat`, [narrow, wide]);
}

/** Fire modules as (squeeze, expand per branch); `pool` marks a max pool before the module. */
type FireRow = readonly [squeeze: number, expand: number, poolBefore: boolean];

function squeezenet(
  id: string,
  stem: { kernel: number; out: number },
  fires: readonly FireRow[],
): ZooModel {
  return {
    id,
    description: `SqueezeNet ${id.endsWith("1.0") ? "v1.0" : "v1.1"} (torchvision), 224x224`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 224, 224]);
      let x = convAct(
        builder,
        "stem",
        image,
        { kernel: stem.kernel, out: stem.out, stride: 2, padding: "valid" },
        "relu",
      );
      x = pool(builder, "max_pool", "stem.pool", x, 3, 2, 0, true);
      fires.forEach(([squeeze, expand, poolBefore], index) => {
        if (poolBefore) x = pool(builder, "max_pool", `pool${index}`, x, 3, 2, 0, true);
        x = fire(builder, `fire${index + 2}`, x, squeeze, expand);
      });
      x = convAct(builder, "classifier", x, { kernel: 1, out: 1000 }, "relu");
      const pooled = builder.op("global_avg_pool", "head.pool", [x]);
      const flat = builder.op("flatten", "head.flatten", [pooled], { axis: 1 });
      builder.op("softmax", "head.softmax", [flat], { axis: -1 });
      return builder.build();
    },
  };
}

// biome-ignore format: a layer table reads best in rows
export const SQUEEZENET_1_0 = squeezenet("squeezenet-1.0", { kernel: 7, out: 96 }, [
  [16, 64, false], [16, 64, false], [32, 128, false], [32, 128, true],
  [48, 192, false], [48, 192, false], [64, 256, false], [64, 256, true],
]);

// biome-ignore format: a layer table reads best in rows
export const SQUEEZENET_1_1 = squeezenet("squeezenet-1.1", { kernel: 3, out: 64 }, [
  [16, 64, false], [16, 64, false], [32, 128, true], [32, 128, false],
  [48, 192, true], [48, 192, false], [64, 256, false], [64, 256, false],
]);
