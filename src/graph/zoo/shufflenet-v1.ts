import { ModelBuilder } from "../builder.ts";
import { channelShuffle, concat, convBn, depthwiseBn, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/**
 * ShuffleNet v1 1× with 3 groups (Zhang et al. 2018), 224×224, in the layout
 * of ncnn's benchmark/shufflenet.param: the first unit's 1×1 conv is not
 * grouped, each stride-2 unit concatenates a 3×3 average-pooled shortcut.
 */
const GROUPS = 3;

/** (output channels, units) of stages 2–4. */
const STAGES: readonly (readonly [number, number])[] = [
  [240, 4],
  [480, 8],
  [960, 4],
];

export const SHUFFLENET_V1: ZooModel = {
  id: "shufflenet-v1",
  description: "ShuffleNet v1 1x, 3 groups (ncnn benchmark layout), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("shufflenet-v1", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    let x = convBn(builder, "stem", image, { kernel: 3, out: 24, stride: 2 }, "relu");
    x = pool(builder, "max_pool", "stem.pool", x, 3, 2, 1);
    let channels = 24;
    let size = 56;
    STAGES.forEach(([out, units], stage) => {
      for (let index = 0; index < units; index++) {
        const name = `stage${stage + 2}.${index}`;
        const first = index === 0;
        // The stride-2 unit's branch supplies out − in channels; the pooled shortcut the rest.
        const branchOut = first ? out - channels : out;
        const bottleneck = first ? Math.max(channels, branchOut) / 4 : out / 4;
        const groups = stage === 0 && first ? 1 : GROUPS;
        let branch = convBn(
          builder,
          `${name}.reduce`,
          x,
          { kernel: 1, out: bottleneck, groups },
          "relu",
        );
        if (first) size /= 2;
        if (groups > 1)
          branch = channelShuffle(builder, `${name}.shuffle`, branch, {
            channels: bottleneck,
            size: first ? size * 2 : size,
            groups,
          });
        branch = depthwiseBn(builder, `${name}.dw`, branch, 3, first ? 2 : 1);
        branch = convBn(builder, `${name}.expand`, branch, {
          kernel: 1,
          out: branchOut,
          groups: GROUPS,
        });
        const joined = first
          ? concat(builder, `${name}.concat`, [
              pool(builder, "avg_pool", `${name}.shortcut`, x, 3, 2, 1),
              branch,
            ])
          : builder.op("add", `${name}.add`, [x, branch]);
        x = builder.op("relu", `${name}.relu`, [joined]);
        channels = out;
      }
    });
    const pooled = builder.op("global_avg_pool", "head.pool", [x]);
    builder.conv("head.fc", pooled, { kernel: 1, out: 1000, bias: true });
    return builder.build();
  },
};
