import { ModelBuilder } from "../builder.ts";
import { convAct, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

const KEYPOINTS = 21;

/** Encoder (blocks 1–4 of models.md §3): conv widths per block, a pool after the first three. */
const ENCODER = [
  [64, 64],
  [128, 128],
  [256, 256, 256, 256],
  [512, 512, 256, 256, 256, 256, 128],
];

/**
 * PoseNet2D of Zimmermann & Brox (hand keypoints, lmb-freiburg/hand3d
 * `inference_pose2d`), the network CoDL's `PosenetBuilder` lists: 31 convs
 * (bias + ReLU, score-map convs linear) and 3 pools at 256×256.
 */
export const POSENET: ZooModel = {
  id: "posenet",
  description: "PoseNet2D hand-keypoint net (Zimmermann & Brox 2017; CoDL's list), 256x256",
  build(dtype) {
    const builder = new ModelBuilder("posenet", dtype);
    let x = builder.input("image", [1, 3, 256, 256]);
    ENCODER.forEach((widths, block) => {
      widths.forEach((out, index) => {
        x = convAct(builder, `conv${block + 1}_${index + 1}`, x, { kernel: 3, out }, "relu");
      });
      if (block < 3) x = maxPool(builder, `pool${block + 1}`, x, 2, 2);
    });
    const encoding = x;
    const hidden = convAct(builder, "conv5_1", encoding, { kernel: 1, out: 512 }, "relu");
    let scoreMap = builder.conv("conv5_2", hidden, { kernel: 1, out: KEYPOINTS, bias: true });
    for (const stage of [6, 7]) {
      x = builder.op("concat", `concat${stage}`, [scoreMap, encoding], { axis: 1 });
      for (let index = 1; index <= 5; index++) {
        x = convAct(builder, `conv${stage}_${index}`, x, { kernel: 7, out: 128 }, "relu");
      }
      x = convAct(builder, `conv${stage}_6`, x, { kernel: 1, out: 128 }, "relu");
      scoreMap = builder.conv(`conv${stage}_7`, x, { kernel: 1, out: KEYPOINTS, bias: true });
    }
    return builder.build();
  },
};
