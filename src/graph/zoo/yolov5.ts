import { ModelBuilder } from "../builder.ts";
import { concat, convBn, pool } from "./blocks.ts";
import { roundChannels } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * YOLOv5 v6.0 (ultralytics/yolov5 models/yolov5{n,s}.yaml), 640×640, 80 COCO
 * classes: a 6×6 stride-2 stem, CSP bottleneck stages (C3), an SPPF of three
 * chained 5×5 max-pools, a PANet neck with nearest 2× upsampling, and a 1×1
 * output conv per level. Every conv is conv → batchnorm → SiLU; channel
 * counts scale by the width multiple (rounded to a multiple of 8) and block
 * repeats by the depth multiple. Box decoding and NMS are not priced.
 */

const OUTPUTS = 3 * (80 + 5);

type Builder = ModelBuilder;

function conv(builder: Builder, name: string, input: string, out: number, kernel = 1, stride = 1) {
  return convBn(builder, name, input, { kernel, out, stride }, "swish");
}

/** C3: two 1×1 branches, one through `repeats` bottlenecks (1×1 then 3×3, residual when `shortcut`), joined by a 1×1 conv. */
function c3(
  builder: Builder,
  name: string,
  input: string,
  out: number,
  repeats: number,
  shortcut: boolean,
): string {
  const hidden = out / 2;
  let main = conv(builder, `${name}.cv1`, input, hidden);
  for (let index = 0; index < repeats; index++) {
    const inner = conv(
      builder,
      `${name}.m${index}.cv2`,
      conv(builder, `${name}.m${index}.cv1`, main, hidden),
      hidden,
      3,
    );
    main = shortcut ? builder.op("add", `${name}.m${index}.add`, [main, inner]) : inner;
  }
  const side = conv(builder, `${name}.cv2`, input, hidden);
  return conv(builder, `${name}.cv3`, concat(builder, `${name}.concat`, [main, side]), out);
}

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
      let x = conv(builder, "stem", image, channels(64), 6, 2);
      const stages: string[] = [];
      [128, 256, 512, 1024].forEach((base, stage) => {
        x = conv(builder, `down${stage + 1}`, x, channels(base), 3, 2);
        x = c3(builder, `c3_${stage + 1}`, x, channels(base), depth([3, 6, 9, 3][stage]!), true);
        stages.push(x);
      });
      const hidden = channels(1024) / 2;
      const reduced = conv(builder, "sppf.cv1", x, hidden);
      const pooled = [reduced];
      for (let index = 0; index < 3; index++)
        pooled.push(pool(builder, "max_pool", `sppf.pool${index}`, pooled.at(-1)!, 5, 1, 2));
      x = conv(builder, "sppf.cv2", concat(builder, "sppf.concat", pooled), channels(1024));
      const lateral5 = conv(builder, "neck.lateral5", x, channels(512));
      const up4 = builder.op("resize", "neck.up4", [lateral5], { scale: [2, 2], mode: "nearest" });
      x = c3(
        builder,
        "neck.td4",
        concat(builder, "neck.td4.join", [up4, stages[2]!]),
        channels(512),
        depth(3),
        false,
      );
      const lateral4 = conv(builder, "neck.lateral4", x, channels(256));
      const up3 = builder.op("resize", "neck.up3", [lateral4], { scale: [2, 2], mode: "nearest" });
      const p3 = c3(
        builder,
        "neck.td3",
        concat(builder, "neck.td3.join", [up3, stages[1]!]),
        channels(256),
        depth(3),
        false,
      );
      const down4 = conv(builder, "neck.down4", p3, channels(256), 3, 2);
      const p4 = c3(
        builder,
        "neck.bu4",
        concat(builder, "neck.bu4.join", [down4, lateral4]),
        channels(512),
        depth(3),
        false,
      );
      const down5 = conv(builder, "neck.down5", p4, channels(512), 3, 2);
      const p5 = c3(
        builder,
        "neck.bu5",
        concat(builder, "neck.bu5.join", [down5, lateral5]),
        channels(1024),
        depth(3),
        false,
      );
      for (const [index, level] of [p3, p4, p5].entries())
        builder.conv(`detect${index + 3}`, level, { kernel: 1, out: OUTPUTS, bias: true });
      return builder.build();
    },
  };
}

export const YOLOV5_MODELS: readonly ZooModel[] = [yolov5("n", 0.25), yolov5("s", 0.5)];
