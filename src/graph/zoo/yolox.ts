import { ModelBuilder } from "../builder.ts";
import { concat, pool } from "./blocks.ts";
import { type CspOptions, cspBlock, cspConv, panNeck } from "./csp-darknet.ts";
import type { ZooModel } from "./model.ts";

/**
 * YOLOX-Nano and YOLOX-Tiny (Megvii YOLOX exps: depth 0.33, width 0.25 with
 * depthwise-separable 3×3 convs, and width 0.375), 416×416, 80 COCO
 * classes: a Focus stem (space-to-depth then a 3×3 conv), CSP-Darknet
 * stages, an SPP of parallel 5, 9 and 13 max-pools, a PANet neck, and a
 * decoupled head per level (1×1 stem; two 3×3 convs each before the class
 * and before the box and objectness 1×1 outputs; sigmoid scores joined with
 * the boxes). Every conv is conv → batchnorm → SiLU. Box decoding and NMS
 * are not priced.
 */

const CLASSES = 80;

function yolox(id: string, width: number, options: CspOptions): ZooModel {
  const scaled = (channels: number) => Math.floor(channels * width);
  return {
    id,
    description: `${id} (Megvii YOLOX), 416x416, 80 classes`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 416, 416]);
      const focused = builder.op("space_to_depth", "stem.focus", [image], { blockSize: 2 });
      let x = cspConv(builder, "stem", focused, scaled(64), 3);
      const stages: string[] = [];
      [128, 256, 512, 1024].forEach((base, stage) => {
        const out = scaled(base);
        x = cspConv(builder, `dark${stage + 2}.down`, x, out, 3, 2, options);
        if (stage === 3) {
          const reduced = cspConv(builder, "spp.cv1", x, out / 2);
          const pooled = [5, 9, 13].map((kernel) =>
            pool(builder, "max_pool", `spp.pool${kernel}`, reduced, kernel, 1, (kernel - 1) / 2),
          );
          x = cspConv(builder, "spp.cv2", concat(builder, "spp.concat", [reduced, ...pooled]), out);
        }
        x = cspBlock(
          builder,
          `dark${stage + 2}.csp`,
          x,
          { out, repeats: stage === 1 || stage === 2 ? 3 : 1, shortcut: stage !== 3 },
          options,
        );
        stages.push(x);
      });
      const levels = panNeck(
        builder,
        [stages[1]!, stages[2]!, stages[3]!],
        [scaled(256), scaled(512), scaled(1024)],
        1,
        options,
      );
      const hidden = scaled(256);
      levels.forEach((level, index) => {
        const name = `head${index}`;
        const stem = cspConv(builder, `${name}.stem`, level, hidden);
        const branch = (part: string) => {
          let y = stem;
          for (let conv = 0; conv < 2; conv++)
            y = cspConv(builder, `${name}.${part}${conv}`, y, hidden, 3, 1, options);
          return y;
        };
        const output = (part: string, input: string, out: number) =>
          builder.conv(`${name}.${part}`, input, { kernel: 1, out, bias: true });
        const classes = branch("cls");
        const boxes = branch("reg");
        concat(builder, `${name}.concat`, [
          output("boxes", boxes, 4),
          builder.op("sigmoid", `${name}.objectness.sigmoid`, [output("objectness", boxes, 1)]),
          builder.op("sigmoid", `${name}.classes.sigmoid`, [output("classes", classes, CLASSES)]),
        ]);
      });
      return builder.build();
    },
  };
}

export const YOLOX_MODELS: readonly ZooModel[] = [
  yolox("yolox-nano", 0.25, { depthwise: true }),
  yolox("yolox-tiny", 0.375, { depthwise: false }),
];
