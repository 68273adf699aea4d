import { ModelBuilder } from "../builder.ts";
import { convAct, convBn, depthwiseBn, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

const FPN_WIDTH = 256;
const ANCHORS = 3;

/**
 * TF-slim resnet_v1 bottleneck (BN folded, so convs carry a bias): the
 * stride sits on the 3×3 of a stage's *last* unit, whose identity shortcut
 * is subsampled by a 1×1 stride-2 max-pool.
 */
function slimBottleneck(
  builder: ModelBuilder,
  name: string,
  input: string,
  channelsIn: number,
  width: number,
  stride: number,
): string {
  const depth = 4 * width;
  const reduce = convAct(builder, `${name}.conv1`, input, { kernel: 1, out: width }, "relu");
  const spatial = convAct(
    builder,
    `${name}.conv2`,
    reduce,
    { kernel: 3, stride, out: width },
    "relu",
  );
  const expand = convAct(builder, `${name}.conv3`, spatial, { kernel: 1, out: depth });
  let shortcut = input;
  if (channelsIn !== depth) {
    shortcut = convAct(builder, `${name}.shortcut`, input, { kernel: 1, stride, out: depth });
  } else if (stride !== 1) {
    shortcut = maxPool(builder, `${name}.shortcut`, input, 1, stride);
  }
  return builder.op("relu", `${name}.relu`, [builder.op("add", `${name}.add`, [expand, shortcut])]);
}

/** Per-level box and score maps flattened to [1, anchors, values] and joined over levels. */
function joinHeads(
  builder: ModelBuilder,
  name: string,
  maps: readonly string[],
  values: number,
): string {
  const flattened = maps.map((map) => {
    const channelsLast = builder.op("transpose", `${map}.nhwc`, [map], {
      permutation: [0, 2, 3, 1],
    });
    return builder.op("reshape", `${map}.flat`, [channelsLast], { shape: [1, -1, values] });
  });
  return builder.op("concat", name, flattened, { axis: 1 });
}

/**
 * RetinaFace with a ResNet-50 backbone as CoDL's `RetinaFaceBuilder` lists
 * it (models.md §5): 91 convs + 4 pools at 640×640, five FPN levels
 * (160, 80, 40, 20, 10). The list gives each conv's shape but not the
 * wiring; ours: the laterals read the 160×160 output of stage 1's second
 * unit and the outputs of stages 1, 2 and 4; P6 is a stride-2 k3 conv on P5;
 * P2–P4 are smoothed after the top-down sum; each level's context module is
 * a k3 256 conv feeding k3 convs to 128, 64 and 64 channels, concatenated.
 */
export const RETINAFACE_RESNET50: ZooModel = {
  id: "retinaface-resnet50",
  description: "RetinaFace ResNet-50 as listed by CoDL (seed variant), 640x640, five FPN levels",
  build(dtype) {
    const builder = new ModelBuilder("retinaface-resnet50", dtype);
    const image = builder.input("image", [1, 3, 640, 640]);
    const stem = convAct(builder, "stem", image, { kernel: 7, stride: 2, out: 64 }, "relu");
    let x = maxPool(builder, "stem.pool", stem, 2, 2);
    let channels = 64;
    const taps: string[] = [];
    [3, 4, 6, 3].forEach((units, stage) => {
      const width = 64 << stage;
      for (let unit = 1; unit <= units; unit++) {
        const stride = unit === units && stage < 3 ? 2 : 1;
        x = slimBottleneck(builder, `block${stage + 1}.unit${unit}`, x, channels, width, stride);
        channels = 4 * width;
        if (stage === 0 && unit === units - 1) taps.push(x);
      }
      if (stage !== 2) taps.push(x);
    });
    // taps: C2 160×160×256, C3 80×80×256, C4 40×40×512, C5 20×20×2048
    const laterals = taps.map((tap, level) =>
      convAct(builder, `fpn.lateral${level + 2}`, tap, { kernel: 1, out: FPN_WIDTH }),
    );
    const levels: string[] = [laterals[3]!];
    for (let level = 2; level >= 0; level--) {
      const upsampled = builder.op("resize", `fpn.up${level + 2}`, [levels[0]!], {
        scale: [2, 2],
        mode: "nearest",
      });
      const sum = builder.op("add", `fpn.sum${level + 2}`, [laterals[level]!, upsampled]);
      levels.unshift(
        convAct(builder, `fpn.smooth${level + 2}`, sum, { kernel: 3, out: FPN_WIDTH }, "relu"),
      );
    }
    levels.push(
      convAct(builder, "fpn.p6", levels[3]!, { kernel: 3, stride: 2, out: FPN_WIDTH }, "relu"),
    );

    const boxes: string[] = [];
    const scores: string[] = [];
    levels.forEach((feature, index) => {
      const name = `level${index + 2}`;
      const context = convAct(
        builder,
        `${name}.context`,
        feature,
        { kernel: 3, out: FPN_WIDTH },
        "relu",
      );
      const branches = [128, 64, 64].map((out, branch) =>
        convAct(builder, `${name}.context${branch + 1}`, context, { kernel: 3, out }),
      );
      const joined = builder.op("relu", `${name}.relu`, [
        builder.op("concat", `${name}.concat`, branches, { axis: 1 }),
      ]);
      boxes.push(builder.conv(`${name}.box`, joined, { kernel: 3, out: ANCHORS * 4, bias: true }));
      scores.push(
        builder.conv(`${name}.score`, joined, { kernel: 3, out: ANCHORS * 2, bias: true }),
      );
    });
    joinHeads(builder, "boxes", boxes, 4);
    builder.op("softmax", "scores", [joinHeads(builder, "scores.logits", scores, 2)], { axis: -1 });
    return builder.build();
  },
};

/** biubug6's MobileNet-0.25 backbone: (out channels, stride) of each depthwise-separable block by stage. */
// biome-ignore format: a layer table reads best in rows
const MOBILENET_025_STAGES = [
  [[16, 1], [32, 2], [32, 1], [64, 2], [64, 1]],
  [[128, 2], [128, 1], [128, 1], [128, 1], [128, 1], [128, 1]],
  [[256, 2], [256, 1]],
] as const;
const MNET_FPN_WIDTH = 64;
const MNET_ANCHORS = 2;
const LEAKY = 0.1;

/** SSH context module of biubug6's implementation (leaky slope 0.1 for widths ≤ 64). */
function ssh(builder: ModelBuilder, name: string, input: string, width: number): string {
  const half = convBn(builder, `${name}.conv3x3`, input, { kernel: 3, out: width / 2 });
  const quarter1 = convBn(
    builder,
    `${name}.conv5x5_1`,
    input,
    { kernel: 3, out: width / 4 },
    "leaky_relu",
    LEAKY,
  );
  const conv5 = convBn(builder, `${name}.conv5x5_2`, quarter1, { kernel: 3, out: width / 4 });
  const quarter2 = convBn(
    builder,
    `${name}.conv7x7_2`,
    quarter1,
    { kernel: 3, out: width / 4 },
    "leaky_relu",
    LEAKY,
  );
  const conv7 = convBn(builder, `${name}.conv7x7_3`, quarter2, { kernel: 3, out: width / 4 });
  const joined = builder.op("concat", `${name}.concat`, [half, conv5, conv7], { axis: 1 });
  return builder.op("relu", `${name}.relu`, [joined]);
}

/** RetinaFace with the MobileNet-0.25 backbone (biubug6/Pytorch_Retinaface, three FPN levels), models.md §5. */
export const RETINAFACE_MOBILENET: ZooModel = {
  id: "retinaface-mobilenet0.25",
  description:
    "RetinaFace MobileNet-0.25 (biubug6 PyTorch implementation), 640x640, three FPN levels",
  build(dtype) {
    const builder = new ModelBuilder("retinaface-mobilenet0.25", dtype);
    const image = builder.input("image", [1, 3, 640, 640]);
    let x = convBn(builder, "stem", image, { kernel: 3, stride: 2, out: 8 }, "leaky_relu", LEAKY);
    const taps: string[] = [];
    MOBILENET_025_STAGES.forEach((blocks, stage) => {
      blocks.forEach(([out, stride], index) => {
        const name = `stage${stage + 1}.${index}`;
        x = depthwiseBn(builder, `${name}.dw`, x, 3, stride, "leaky_relu", LEAKY);
        x = convBn(builder, `${name}.pw`, x, { kernel: 1, out }, "leaky_relu", LEAKY);
      });
      taps.push(x);
    });
    const outputs = taps.map((tap, level) =>
      convBn(
        builder,
        `fpn.output${level + 1}`,
        tap,
        { kernel: 1, out: MNET_FPN_WIDTH },
        "leaky_relu",
        LEAKY,
      ),
    );
    for (let level = 1; level >= 0; level--) {
      const upsampled = builder.op("resize", `fpn.up${level + 1}`, [outputs[level + 1]!], {
        scale: [2, 2],
        mode: "nearest",
      });
      const sum = builder.op("add", `fpn.sum${level + 1}`, [outputs[level]!, upsampled]);
      outputs[level] = convBn(
        builder,
        `fpn.merge${level + 1}`,
        sum,
        { kernel: 3, out: MNET_FPN_WIDTH },
        "leaky_relu",
        LEAKY,
      );
    }
    const features = outputs.map((feature, level) =>
      ssh(builder, `ssh${level + 1}`, feature, MNET_FPN_WIDTH),
    );
    const head = (kind: string, values: number) =>
      features.map((feature, level) =>
        builder.conv(`${kind}${level + 1}`, feature, {
          kernel: 1,
          out: MNET_ANCHORS * values,
          bias: true,
        }),
      );
    joinHeads(builder, "boxes", head("bbox", 4), 4);
    builder.op("softmax", "scores", [joinHeads(builder, "scores.logits", head("class", 2), 2)], {
      axis: -1,
    });
    joinHeads(builder, "landmarks", head("landmark", 10), 10);
    return builder.build();
  },
};
