import { ModelBuilder } from "../builder.ts";
import { type Activation, concat, convBn, depthwiseBn } from "./blocks.ts";
import { roundChannels, squeezeExcite } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * GhostNet (Han et al. 2020, Table 1) at PaddleClas's widths 0.5, 1.0 and
 * 1.3, 224×224: channels scaled and rounded to multiples of 4.
 */

/**
 * Ghost module: a 1×1 conv makes half the channels, a cheap 3×3 depthwise
 * conv makes the other half from them.
 */
function ghostModule(
  builder: ModelBuilder,
  name: string,
  input: string,
  out: number,
  activation: Activation | undefined,
): string {
  const primary = convBn(
    builder,
    `${name}.primary`,
    input,
    { kernel: 1, out: out / 2 },
    activation,
  );
  const cheap = depthwiseBn(builder, `${name}.cheap`, primary, 3, 1, activation);
  return concat(builder, `${name}.concat`, [primary, cheap]);
}

/** Bottlenecks as (kernel, expanded, out, squeeze-excite, stride). */
// biome-ignore format: a layer table reads best in rows
const BOTTLENECKS: readonly (readonly [number, number, number, boolean, number])[] = [
  [3, 16, 16, false, 1], [3, 48, 24, false, 2], [3, 72, 24, false, 1],
  [5, 72, 40, true, 2], [5, 120, 40, true, 1], [3, 240, 80, false, 2],
  [3, 200, 80, false, 1], [3, 184, 80, false, 1], [3, 184, 80, false, 1],
  [3, 480, 112, true, 1], [3, 672, 112, true, 1], [5, 672, 160, true, 2],
  [5, 960, 160, false, 1], [5, 960, 160, true, 1], [5, 960, 160, false, 1],
  [5, 960, 160, true, 1],
];

function ghostNet(width: number): ZooModel {
  const id = `ghostnet-${width}`;
  const scaled = (channels: number) => roundChannels(channels * width, 4);
  return {
    id,
    description: `GhostNet ${width}x (PaddleClas widths), 224x224`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 224, 224]);
      let channels = scaled(16);
      let x = convBn(builder, "stem", image, { kernel: 3, out: channels, stride: 2 }, "relu");
      BOTTLENECKS.forEach(([kernel, expandedFull, outFull, squeeze, stride], index) => {
        const name = `block${index}`;
        const expanded = scaled(expandedFull);
        const out = scaled(outFull);
        let branch = ghostModule(builder, `${name}.ghost1`, x, expanded, "relu");
        if (stride === 2) branch = depthwiseBn(builder, `${name}.dw`, branch, kernel, 2);
        if (squeeze)
          branch = squeezeExcite(
            builder,
            `${name}.se`,
            branch,
            expanded,
            Math.floor(expanded / 4),
            "relu",
            "hard_sigmoid",
          );
        branch = ghostModule(builder, `${name}.ghost2`, branch, out, undefined);
        const shortcut =
          stride === 1 && channels === out
            ? x
            : convBn(
                builder,
                `${name}.shortcut.pw`,
                depthwiseBn(builder, `${name}.shortcut.dw`, x, kernel, stride),
                { kernel: 1, out },
              );
        x = builder.op("add", `${name}.add`, [branch, shortcut]);
        channels = out;
      });
      x = convBn(builder, "last", x, { kernel: 1, out: scaled(960) }, "relu");
      const pooled = builder.op("global_avg_pool", "head.pool", [x]);
      const hidden = builder.conv("head.conv", pooled, { kernel: 1, out: 1280, bias: true });
      const flat = builder.op(
        "flatten",
        "head.flatten",
        [builder.op("relu", "head.relu", [hidden])],
        {
          axis: 1,
        },
      );
      const logits = builder.fullyConnected("head.fc", flat, 1000);
      builder.op("softmax", "head.softmax", [logits], { axis: -1 });
      return builder.build();
    },
  };
}

export const GHOSTNET_MODELS: readonly ZooModel[] = [0.5, 1, 1.3].map(ghostNet);
