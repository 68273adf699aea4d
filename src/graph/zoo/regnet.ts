import { ModelBuilder } from "../builder.ts";
import { classifier, convBn } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/** RegNetX stage widths and depths with the group width, derived from the pycls configs (models.md §9). */
const REGNETS = {
  "regnetx-1.6gf": { widths: [72, 168, 408, 912], depths: [2, 4, 10, 2], groupWidth: 24 },
  "regnetx-4.0gf": { widths: [80, 240, 560, 1360], depths: [2, 5, 14, 2], groupWidth: 40 },
} as const;

function regnet(id: keyof typeof REGNETS): ZooModel {
  const { widths, depths, groupWidth } = REGNETS[id];
  return {
    id,
    description: `RegNetX (pycls), stage widths ${widths.join("/")}, group width ${groupWidth}, 224x224`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 224, 224]);
      let x = convBn(builder, "stem", image, { kernel: 3, stride: 2, out: 32 }, "relu");
      let channels = 32;
      widths.forEach((width, stage) => {
        for (let index = 0; index < depths[stage]!; index++) {
          const name = `s${stage + 1}.b${index + 1}`;
          const stride = index === 0 ? 2 : 1;
          const a = convBn(builder, `${name}.a`, x, { kernel: 1, out: width }, "relu");
          const groups = width / groupWidth;
          const b = convBn(
            builder,
            `${name}.b`,
            a,
            { kernel: 3, stride, groups, out: width },
            "relu",
          );
          const c = convBn(builder, `${name}.c`, b, { kernel: 1, out: width });
          const shortcut =
            stride !== 1 || channels !== width
              ? convBn(builder, `${name}.proj`, x, { kernel: 1, stride, out: width })
              : x;
          x = builder.op("relu", `${name}.relu`, [builder.op("add", `${name}.add`, [c, shortcut])]);
          channels = width;
        }
      });
      classifier(builder, x);
      return builder.build();
    },
  };
}

export const REGNET_MODELS: readonly ZooModel[] = [
  regnet("regnetx-1.6gf"),
  regnet("regnetx-4.0gf"),
];
