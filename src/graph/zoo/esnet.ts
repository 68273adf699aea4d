import type { ModelBuilder } from "../builder.ts";
import { channelShuffle, concat, convBn, depthwiseBn, pool } from "./blocks.ts";
import { roundChannels, squeezeExcite } from "./inverted-residual.ts";

/**
 * ESNet (PaddleDetection ppdet/modeling/backbones/esnet.py), the first
 * PicoDet backbone: a ShuffleNetV2-like trunk with hard-swish, whose blocks
 * concatenate the 1×1 and depthwise outputs of the split half and
 * squeeze-excite them, and whose downsampling blocks end with a depthwise
 * and a 1×1 conv over the joined branches.
 */

const ACT = "hard_swish" as const;

/** Split; one half through 1×1, then depthwise 3×3 (linear) joined with its input, SE, 1×1; rejoin and shuffle. */
function esBlock(
  builder: ModelBuilder,
  name: string,
  input: string,
  shape: { readonly channels: number; readonly middle: number; readonly size: number },
): string {
  const { channels, middle, size } = shape;
  const [kept, worked] = builder.multiOp(
    "split",
    `${name}.split`,
    [input],
    { axis: 1, splits: [channels / 2, channels / 2] },
    2,
  );
  const expanded = convBn(builder, `${name}.pw`, worked!, { kernel: 1, out: middle / 2 }, ACT);
  const filtered = depthwiseBn(builder, `${name}.dw`, expanded, 3, 1);
  const joined = concat(builder, `${name}.join`, [expanded, filtered]);
  const excited = squeezeExcite(
    builder,
    `${name}.se`,
    joined,
    middle,
    middle / 4,
    "relu",
    "hard_sigmoid",
  );
  const projected = convBn(
    builder,
    `${name}.linear`,
    excited,
    { kernel: 1, out: channels / 2 },
    ACT,
  );
  return channelShuffle(
    builder,
    `${name}.shuffle`,
    concat(builder, `${name}.concat`, [kept!, projected]),
    {
      channels,
      size,
      groups: 2,
    },
  );
}

/** Two stride-2 branches (depthwise then 1×1; 1×1, depthwise, SE, 1×1), joined, then depthwise 3×3 and 1×1 with hard-swish. */
function esDownsample(
  builder: ModelBuilder,
  name: string,
  input: string,
  shape: { readonly out: number; readonly middle: number },
): string {
  const { out, middle } = shape;
  const left = convBn(
    builder,
    `${name}.b1.linear`,
    depthwiseBn(builder, `${name}.b1.dw`, input, 3, 2),
    { kernel: 1, out: out / 2 },
    ACT,
  );
  let right = convBn(builder, `${name}.b2.pw`, input, { kernel: 1, out: middle / 2 }, ACT);
  right = depthwiseBn(builder, `${name}.b2.dw`, right, 3, 2);
  right = squeezeExcite(
    builder,
    `${name}.b2.se`,
    right,
    middle / 2,
    middle / 8,
    "relu",
    "hard_sigmoid",
  );
  right = convBn(builder, `${name}.b2.linear`, right, { kernel: 1, out: out / 2 }, ACT);
  const joined = depthwiseBn(
    builder,
    `${name}.dw`,
    concat(builder, `${name}.concat`, [left, right]),
    3,
    1,
    ACT,
  );
  return convBn(builder, `${name}.pw`, joined, { kernel: 1, out }, ACT);
}

/**
 * ESNet at `scale` with its 13 per-block channel ratios, on a square
 * `resolution` input: the stride-8, 16 and 32 stage outputs.
 */
export function esnetTrunk(
  builder: ModelBuilder,
  image: string,
  options: {
    readonly scale: number;
    readonly ratios: readonly number[];
    readonly resolution: number;
  },
): string[] {
  const { scale, ratios } = options;
  const stageChannels = [128, 256, 512].map((base) => roundChannels(base * scale, 16));
  let x = convBn(builder, "stem", image, { kernel: 3, out: 24, stride: 2 }, ACT);
  x = pool(builder, "max_pool", "stem.pool", x, 3, 2, 1);
  let size = options.resolution / 4;
  let block = 0;
  return stageChannels.map((out, stage) => {
    for (let index = 0; index < [3, 7, 3][stage]!; index++) {
      const middle = roundChannels(Math.floor(out * ratios[block]!), 8);
      const name = `stage${stage + 2}.${index}`;
      if (index === 0) {
        size = Math.ceil(size / 2);
        x = esDownsample(builder, name, x, { out, middle });
      } else x = esBlock(builder, name, x, { channels: out, middle, size });
      block++;
    }
    return x;
  });
}
