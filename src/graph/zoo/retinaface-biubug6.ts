import { ModelBuilder } from "../builder.ts";
import { type Activation, convBn, depthwiseBn } from "./blocks.ts";
import type { ZooModel } from "./model.ts";
import { torchvisionResNetStages } from "./resnet.ts";
import { joinHeads } from "./retinaface-heads.ts";

/**
 * RetinaFace as biubug6/Pytorch_Retinaface builds it (models.md §5): three
 * FPN levels at strides 8/16/32, an SSH context module per level, and
 * 1×1 class, box and landmark heads for 2 anchors. Layers of width ≤ 64 use
 * LeakyReLU(0.1), wider ones LeakyReLU(0), i.e. ReLU.
 */
const ANCHORS = 2;
const LEAKY = 0.1;

interface Nonlinearity {
  readonly activation: Activation;
  readonly slope?: number;
}

function ssh(
  builder: ModelBuilder,
  name: string,
  input: string,
  width: number,
  act: Nonlinearity,
): string {
  const quarter = { kernel: 3, out: width / 4 };
  const half = convBn(builder, `${name}.conv3x3`, input, { kernel: 3, out: width / 2 });
  const first = convBn(builder, `${name}.conv5x5_1`, input, quarter, act.activation, act.slope);
  const conv5 = convBn(builder, `${name}.conv5x5_2`, first, quarter);
  const second = convBn(builder, `${name}.conv7x7_2`, first, quarter, act.activation, act.slope);
  const conv7 = convBn(builder, `${name}.conv7x7_3`, second, quarter);
  const joined = builder.op("concat", `${name}.concat`, [half, conv5, conv7], { axis: 1 });
  return builder.op("relu", `${name}.relu`, [joined]);
}

/** FPN (laterals, nearest upsampling, merge convs), SSH and heads over three backbone taps. */
function detector(builder: ModelBuilder, taps: readonly string[], width: number): void {
  const act: Nonlinearity =
    width <= 64 ? { activation: "leaky_relu", slope: LEAKY } : { activation: "relu" };
  const outputs = taps.map((tap, level) =>
    convBn(
      builder,
      `fpn.output${level + 1}`,
      tap,
      { kernel: 1, out: width },
      act.activation,
      act.slope,
    ),
  );
  for (let level = taps.length - 2; level >= 0; level--) {
    const upsampled = builder.op("resize", `fpn.up${level + 1}`, [outputs[level + 1]!], {
      scale: [2, 2],
      mode: "nearest",
    });
    const sum = builder.op("add", `fpn.sum${level + 1}`, [outputs[level]!, upsampled]);
    const merge = { kernel: 3, out: width };
    outputs[level] = convBn(
      builder,
      `fpn.merge${level + 1}`,
      sum,
      merge,
      act.activation,
      act.slope,
    );
  }
  const features = outputs.map((feature, level) =>
    ssh(builder, `ssh${level + 1}`, feature, width, act),
  );
  const head = (kind: string, values: number) =>
    features.map((feature, level) =>
      builder.conv(`${kind}${level + 1}`, feature, {
        kernel: 1,
        out: ANCHORS * values,
        bias: true,
      }),
    );
  joinHeads(builder, "boxes", head("bbox", 4), 4);
  const logits = joinHeads(builder, "scores.logits", head("class", 2), 2);
  builder.op("softmax", "scores", [logits], { axis: -1 });
  joinHeads(builder, "landmarks", head("landmark", 10), 10);
}

/** biubug6's MobileNet-0.25 backbone: (out channels, stride) of each depthwise-separable block by stage. */
// biome-ignore format: a layer table reads best in rows
const MOBILENET_025_STAGES = [
  [[16, 1], [32, 2], [32, 1], [64, 2], [64, 1]],
  [[128, 2], [128, 1], [128, 1], [128, 1], [128, 1], [128, 1]],
  [[256, 2], [256, 1]],
] as const;
const MNET_FPN_WIDTH = 64;

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
        x = depthwiseBn(builder, `${name}.dw`, x, 3, stride, "leaky_relu", { slope: LEAKY });
        x = convBn(builder, `${name}.pw`, x, { kernel: 1, out }, "leaky_relu", LEAKY);
      });
      taps.push(x);
    });
    detector(builder, taps, MNET_FPN_WIDTH);
    return builder.build();
  },
};

/** RetinaFace-R50 as biubug6 builds it: torchvision ResNet-50 stages 2–4 feed a 256-wide FPN. */
export const RETINAFACE_RESNET50_3LEVEL: ZooModel = {
  id: "retinaface-resnet50-3level",
  description: "RetinaFace ResNet-50 (biubug6 PyTorch implementation), 640x640, three FPN levels",
  build(dtype) {
    const builder = new ModelBuilder("retinaface-resnet50-3level", dtype);
    const image = builder.input("image", [1, 3, 640, 640]);
    const stages = torchvisionResNetStages(builder, image, "bottleneck", [3, 4, 6, 3]);
    detector(builder, stages.slice(1), 256);
    return builder.build();
  },
};
