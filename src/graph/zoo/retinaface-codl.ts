import { ModelBuilder } from "../builder.ts";
import { convAct, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";
import { joinHeads } from "./retinaface-heads.ts";

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
