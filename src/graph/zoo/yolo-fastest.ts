import { ModelBuilder } from "../builder.ts";
import { type Activation, concat, convBn, depthwiseBn, pool } from "./blocks.ts";
import { invertedResidual } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";
import { shufflenetV2Trunk } from "./shufflenet-v2.ts";

/**
 * dog-qiuqiu's light detectors as ncnn's benchmark graphs run them
 * (yolo-fastest-1.1, yolo-fastestv2, FastestDet; batchnorm folded there, kept
 * here as the frameworks fuse it), 80 COCO classes. Box decoding and NMS are
 * not priced.
 */

const CLASSES = 80;

/** Two (5×5 depthwise → activation, linear 1×1) pairs: the heads' light conv branch. */
function lightBranch(
  builder: ModelBuilder,
  name: string,
  input: string,
  channels: number,
  activation: Activation,
): string {
  let x = input;
  for (let index = 0; index < 2; index++) {
    x = depthwiseBn(builder, `${name}.dw${index}`, x, 5, 1, activation);
    x = convBn(builder, `${name}.pw${index}`, x, { kernel: 1, out: channels });
  }
  return x;
}

/** (expanded, out, repeats after a first block that changes stride or width, first stride) */
// biome-ignore format: a layer table reads best in rows
const FASTEST_STAGES: readonly (readonly [number, number, number, number])[] = [
  [32, 8, 2, 2], [48, 8, 2, 2], [96, 16, 4, 1], [136, 24, 4, 2], [224, 48, 5, 2],
];

/**
 * Yolo-Fastest 1.1 (Darknet yolo-fastest-1.1.cfg), 320×320: inverted
 * residuals with leaky ReLU and linear bottlenecks, an SPP of 3, 5 and 9
 * max-pools, and YOLO heads on the 10×10 map and, through a nearest 2×
 * upsampling joined with the 20×20 stage, on the 20×20 map.
 */
export const YOLO_FASTEST_1_1: ZooModel = {
  id: "yolo-fastest-1.1",
  description: "Yolo-Fastest 1.1 (dog-qiuqiu, ncnn benchmark graph), 320x320, 80 classes",
  build(dtype) {
    const builder = new ModelBuilder("yolo-fastest-1.1", dtype);
    const image = builder.input("image", [1, 3, 320, 320]);
    const leaky = "leaky_relu" as const;
    let x = convBn(builder, "stem", image, { kernel: 3, out: 8, stride: 2 }, leaky);
    x = convBn(builder, "stem.expand", x, { kernel: 1, out: 8 }, leaky);
    x = depthwiseBn(builder, "stem.dw", x, 3, 1, leaky);
    x = convBn(builder, "stem.project", x, { kernel: 1, out: 4 });
    x = invertedResidual(builder, "stem.residual", x, 4, {
      expanded: 8,
      out: 4,
      kernel: 3,
      stride: 1,
      activation: leaky,
    });
    let channels = 4;
    let expandedBefore = 24;
    let fineRoute = x;
    FASTEST_STAGES.forEach(([expanded, out, repeats, stride], stage) => {
      x = invertedResidual(builder, `stage${stage + 1}.0`, x, channels, {
        expanded: expandedBefore,
        out,
        kernel: 3,
        stride,
        activation: leaky,
      });
      channels = out;
      for (let index = 1; index <= repeats; index++)
        x = invertedResidual(builder, `stage${stage + 1}.${index}`, x, channels, {
          expanded,
          out,
          kernel: 3,
          stride: 1,
          activation: leaky,
        });
      expandedBefore = expanded;
      if (stage === FASTEST_STAGES.length - 2) fineRoute = x;
    });
    const pooled = [9, 5, 3].map((kernel) =>
      pool(builder, "max_pool", `spp.pool${kernel}`, x, kernel, 1, (kernel - 1) / 2),
    );
    const neck = convBn(
      builder,
      "spp.mix",
      concat(builder, "spp.concat", [...pooled, x]),
      { kernel: 1, out: 96 },
      leaky,
    );
    const outputs = 3 * (CLASSES + 5);
    builder.conv("coarse.out", lightBranch(builder, "coarse", neck, 96, leaky), {
      kernel: 1,
      out: outputs,
      bias: true,
    });
    const upsampled = builder.op("resize", "fine.upsample", [neck], {
      scale: [2, 2],
      mode: "nearest",
    });
    const joined = concat(builder, "fine.concat", [upsampled, fineRoute]);
    builder.conv("fine.out", lightBranch(builder, "fine", joined, 96 + 24, leaky), {
      kernel: 1,
      out: outputs,
      bias: true,
    });
    return builder.build();
  },
};

/** Per-level outputs of YOLO-FastestV2 and FastestDet: sigmoid or softmax scores and box terms, joined. */
function predictions(
  builder: ModelBuilder,
  name: string,
  parts: readonly (readonly [string, string, number, "sigmoid" | "softmax" | undefined])[],
): string {
  const outputs = parts.map(([part, input, out, activation]) => {
    const raw = builder.conv(`${name}.${part}`, input, { kernel: 1, out, bias: true });
    if (activation === undefined) return raw;
    const attrs = activation === "softmax" ? { axis: 1 } : {};
    return builder.op(activation, `${name}.${part}.${activation}`, [raw], attrs);
  });
  return concat(builder, `${name}.concat`, outputs);
}

/**
 * Yolo-FastestV2, 352×352: a ShuffleNetV2 0.5× trunk, per level (the 11×11
 * stage, and the 22×22 stage joined with the last stage upsampled 2×) a 1×1
 * conv to 72 channels, then separate light branches for objectness and
 * classes and for boxes (3 anchors).
 */
export const YOLO_FASTEST_V2: ZooModel = {
  id: "yolo-fastest-v2",
  description: "Yolo-FastestV2 (dog-qiuqiu, ncnn benchmark graph), 352x352, 80 classes",
  build(dtype) {
    const builder = new ModelBuilder("yolo-fastest-v2", dtype);
    const image = builder.input("image", [1, 3, 352, 352]);
    const [, middle, last] = shufflenetV2Trunk(builder, image, {
      width: "0.5",
      activation: "relu",
      resolution: 352,
    });
    const upsampled = builder.op("resize", "fine.upsample", [last!.name], {
      scale: [2, 2],
      mode: "nearest",
    });
    const levels = {
      coarse: last!.name,
      fine: concat(builder, "fine.concat", [upsampled, middle!.name]),
    };
    for (const [level, input] of Object.entries(levels)) {
      const reduced = convBn(builder, `${level}.reduce`, input, { kernel: 1, out: 72 }, "relu");
      const scores = lightBranch(builder, `${level}.scores`, reduced, 72, "relu");
      const boxes = lightBranch(builder, `${level}.boxes`, reduced, 72, "relu");
      predictions(builder, `${level}.out`, [
        ["boxes", boxes, 12, "sigmoid"],
        ["objectness", scores, 3, "sigmoid"],
        ["classes", scores, CLASSES, "softmax"],
      ]);
    }
    return builder.build();
  },
};

/**
 * FastestDet, 352×352: a ShuffleNetV2 0.5× trunk; its three stages joined
 * at 22×22 (the first average-pooled, the last upsampled 2×) and mixed by a
 * 1×1 conv; a residual block of three depthwise 5×5 chains (1, 2 and 3
 * deep) concatenated and projected; one anchor-free head with a 5×5
 * depthwise conv before each of objectness, box and class outputs.
 */
export const FASTESTDET: ZooModel = {
  id: "fastestdet",
  description: "FastestDet (dog-qiuqiu, ncnn benchmark graph), 352x352, 80 classes",
  build(dtype) {
    const builder = new ModelBuilder("fastestdet", dtype);
    const image = builder.input("image", [1, 3, 352, 352]);
    const [first, middle, last] = shufflenetV2Trunk(builder, image, {
      width: "0.5",
      activation: "relu",
      resolution: 352,
    });
    const pooled = pool(builder, "avg_pool", "neck.pool", first!.name, 3, 2, 1);
    const upsampled = builder.op("resize", "neck.upsample", [last!.name], {
      scale: [2, 2],
      mode: "nearest",
    });
    const mixed = convBn(
      builder,
      "neck.mix",
      concat(builder, "neck.concat", [pooled, middle!.name, upsampled]),
      { kernel: 1, out: 96 },
      "relu",
    );
    const chains = [1, 2, 3].map((depth) => {
      let x = mixed;
      for (let index = 0; index < depth; index++)
        x = depthwiseBn(builder, `spp.chain${depth}.dw${index}`, x, 5, 1, "relu");
      return x;
    });
    const projected = convBn(builder, "spp.project", concat(builder, "spp.concat", chains), {
      kernel: 1,
      out: 96,
    });
    const spp = builder.op("relu", "spp.relu", [builder.op("add", "spp.add", [mixed, projected])]);
    const head = convBn(builder, "head.conv", spp, { kernel: 1, out: 96 }, "relu");
    const branch = (part: string) => depthwiseBn(builder, `head.${part}.dw`, head, 5, 1, "relu");
    predictions(builder, "head.out", [
      ["objectness", branch("objectness"), 1, "sigmoid"],
      ["boxes", branch("boxes"), 4, undefined],
      ["classes", branch("classes"), CLASSES, "softmax"],
    ]);
    return builder.build();
  },
};
