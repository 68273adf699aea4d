import { ModelBuilder } from "../builder.ts";
import { concat, pool } from "./blocks.ts";
import { cspBlock, cspConv, panNeck } from "./csp-darknet.ts";
import { roundChannels } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * YOLOv5 v6.0 (ultralytics/yolov5 models/yolov5{n,s}.yaml), 640×640, 80 COCO
 * classes: a 6×6 stride-2 stem, CSP bottleneck stages (C3), an SPPF of three
 * chained 5×5 max-pools, a PANet neck, and a 1×1 output conv per level.
 * Channel counts scale by the width multiple (rounded to a multiple of 8)
 * and block repeats by the depth multiple 0.33. Box decoding and NMS are not
 * priced.
 */

const OUTPUTS = 3 * (80 + 5);

function yolov5(size: "n" | "s", width: number): ZooModel {
  const id = `yolov5${size}`;
  const channels = (base: number) => roundChannels(base * width);
  const depth = (base: number) => Math.max(Math.round(base * 0.33), 1);
  return {
    id,
    description: `YOLOv5${size} v6.0 (ultralytics), 640x640, 80 classes`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 640, 640]);
      let x = cspConv(builder, "stem", image, channels(64), 6, 2);
      const stages: string[] = [];
      [128, 256, 512, 1024].forEach((base, stage) => {
        x = cspConv(builder, `down${stage + 1}`, x, channels(base), 3, 2);
        x = cspBlock(builder, `c3_${stage + 1}`, x, {
          out: channels(base),
          repeats: depth([3, 6, 9, 3][stage]!),
          shortcut: true,
        });
        stages.push(x);
      });
      const pooled = [cspConv(builder, "sppf.cv1", x, channels(1024) / 2)];
      for (let index = 0; index < 3; index++)
        pooled.push(pool(builder, "max_pool", `sppf.pool${index}`, pooled.at(-1)!, 5, 1, 2));
      x = cspConv(builder, "sppf.cv2", concat(builder, "sppf.concat", pooled), channels(1024));
      const levels = panNeck(
        builder,
        [stages[1]!, stages[2]!, x],
        [channels(256), channels(512), channels(1024)],
        depth(3),
      );
      for (const [index, level] of levels.entries())
        builder.conv(`detect${index + 3}`, level, { kernel: 1, out: OUTPUTS, bias: true });
      return builder.build();
    },
  };
}

export const YOLOV5_MODELS: readonly ZooModel[] = [yolov5("n", 0.25), yolov5("s", 0.5)];
