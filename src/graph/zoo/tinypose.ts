import { ModelBuilder } from "../builder.ts";
import { channelShuffle, concat, convBn, depthwiseBn } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/**
 * PP-TinyPose (PaddleDetection configs/keypoint/tiny_pose: LiteHRNet
 * "wider_naive" backbone, a 1×1 conv to 17 keypoint heatmaps) at 128×96 and
 * 256×192. Every conv has batchnorm; ReLU where said.
 *
 * Stem: a 3×3 stride-2 conv to 32 with ReLU, then a shuffle block whose two
 * halves are downsampled (depthwise stride 2 then 1×1; 1×1, depthwise
 * stride 2, 1×1). Three stages of 2, 4 and 2 modules on 2, 3 and 4 branches
 * (40, 80, 160 and 320 channels at strides 4 to 32); each new branch comes
 * from the previous coarsest by a depthwise stride-2 conv and a 1×1 conv
 * with ReLU. A module runs two ShuffleNetV2 units on every branch, then
 * fuses: each output branch sums every branch brought to its resolution (a
 * 1×1 conv and nearest upsampling from coarser ones; depthwise stride-2 and
 * 1×1 pairs from finer ones) and applies ReLU. The head adds each branch,
 * coarsest first, to the bilinearly upsampled result so far, each through a
 * depthwise 3×3 and a 1×1 conv with ReLU; the finest result feeds the
 * heatmap conv.
 */

const CHANNELS = [40, 80, 160, 320] as const;
const STAGES = [
  { modules: 2, branches: 2 },
  { modules: 4, branches: 3 },
  { modules: 2, branches: 4 },
] as const;
const JOINTS = 17;

type Size = readonly [number, number];

const half = ([height, width]: Size): Size => [Math.ceil(height / 2), Math.ceil(width / 2)];

/** Depthwise 3×3 (linear) then 1×1 with optional ReLU. */
function separable(
  builder: ModelBuilder,
  name: string,
  input: string,
  out: number,
  stride: number,
  relu: boolean,
): string {
  const filtered = depthwiseBn(builder, `${name}.dw`, input, 3, stride);
  return convBn(builder, `${name}.pw`, filtered, { kernel: 1, out }, relu ? "relu" : undefined);
}

/** ShuffleNetV2 stride-1 unit: split, 1×1 (ReLU), depthwise, 1×1 (ReLU) on one half; rejoin, shuffle. */
function shuffleUnit(
  builder: ModelBuilder,
  name: string,
  input: string,
  channels: number,
  size: Size,
): string {
  const branch = channels / 2;
  const [kept, worked] = builder.multiOp(
    "split",
    `${name}.split`,
    [input],
    { axis: 1, splits: [branch, branch] },
    2,
  );
  let x = convBn(builder, `${name}.pw1`, worked!, { kernel: 1, out: branch }, "relu");
  x = depthwiseBn(builder, `${name}.dw`, x, 3, 1);
  x = convBn(builder, `${name}.pw2`, x, { kernel: 1, out: branch }, "relu");
  return channelShuffle(builder, `${name}.shuffle`, concat(builder, `${name}.concat`, [kept!, x]), {
    channels,
    size,
    groups: 2,
  });
}

function stem(builder: ModelBuilder, image: string, size: Size): string {
  const x = convBn(builder, "stem.conv", image, { kernel: 3, out: 32, stride: 2 }, "relu");
  const [left, right] = builder.multiOp(
    "split",
    "stem.split",
    [x],
    { axis: 1, splits: [16, 16] },
    2,
  );
  const down = separable(builder, "stem.branch1", left!, 16, 2, true);
  let other = convBn(builder, "stem.expand", right!, { kernel: 1, out: 32 }, "relu");
  other = depthwiseBn(builder, "stem.dw", other, 3, 2);
  other = convBn(builder, "stem.linear", other, { kernel: 1, out: 16 }, "relu");
  return channelShuffle(builder, "stem.shuffle", concat(builder, "stem.concat", [down, other]), {
    channels: 32,
    size,
    groups: 2,
  });
}

/** Every branch brought to branch `to`'s resolution and channels, summed, then ReLU. */
function fuse(
  builder: ModelBuilder,
  name: string,
  branches: readonly string[],
  to: number,
): string {
  const terms = branches.map((branch, from) => {
    if (from === to) return branch;
    const term = `${name}.from${from}`;
    if (from > to) {
      const reduced = convBn(builder, term, branch, { kernel: 1, out: CHANNELS[to]! });
      const scale = 2 ** (from - to);
      return builder.op("resize", `${term}.up`, [reduced], {
        scale: [scale, scale],
        mode: "nearest",
      });
    }
    let x = branch;
    for (let step = 0; step < to - from; step++) {
      const last = step === to - from - 1;
      x = separable(
        builder,
        `${term}.down${step}`,
        x,
        last ? CHANNELS[to]! : CHANNELS[from]!,
        2,
        !last,
      );
    }
    return x;
  });
  const sum = terms
    .slice(1)
    .reduce(
      (total, term, index) => builder.op("add", `${name}.add${index + 1}`, [total, term]),
      terms[0]!,
    );
  return builder.op("relu", `${name}.relu`, [sum]);
}

function tinypose(height: number, width: number): ZooModel {
  const id = `pp-tinypose-${height}x${width}`;
  return {
    id,
    description: `PP-TinyPose (PaddleDetection, wider-naive Lite-HRNet), ${height}x${width}`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, height, width]);
      const sizes: Size[] = [[height / 4, width / 4]];
      for (let branch = 1; branch < CHANNELS.length; branch++) sizes.push(half(sizes.at(-1)!));
      let branches = [stem(builder, image, sizes[0]!)];
      STAGES.forEach(({ modules, branches: count }, stage) => {
        const previous = branches;
        branches = Array.from({ length: count }, (_, branch) => {
          const name = `stage${stage}.transition${branch}`;
          if (branch < previous.length)
            return stage === 0 && branch === 0
              ? separable(builder, name, previous[0]!, CHANNELS[0], 1, true)
              : previous[branch]!;
          return separable(builder, name, previous.at(-1)!, CHANNELS[branch]!, 2, true);
        });
        for (let module = 0; module < modules; module++) {
          const name = `stage${stage}.module${module}`;
          const units = branches.map((branch, index) => {
            let x = branch;
            for (let unit = 0; unit < 2; unit++)
              x = shuffleUnit(
                builder,
                `${name}.branch${index}.unit${unit}`,
                x,
                CHANNELS[index]!,
                sizes[index]!,
              );
            return x;
          });
          branches = units.map((_, to) => fuse(builder, `${name}.fuse${to}`, units, to));
        }
      });
      let merged: string | undefined;
      for (let branch = branches.length - 1; branch >= 0; branch--) {
        const name = `head.branch${branch}`;
        let x = branches[branch]!;
        if (merged !== undefined) {
          const upsampled = builder.op("resize", `${name}.up`, [merged], {
            scale: [2, 2],
            mode: "bilinear",
          });
          x = builder.op("add", `${name}.add`, [x, upsampled]);
        }
        merged = separable(builder, name, x, CHANNELS[Math.max(branch - 1, 0)]!, 1, true);
      }
      builder.conv("head.heatmaps", merged!, { kernel: 1, out: JOINTS, bias: true });
      return builder.build();
    },
  };
}

export const PP_TINYPOSE_MODELS: readonly ZooModel[] = [tinypose(128, 96), tinypose(256, 192)];
