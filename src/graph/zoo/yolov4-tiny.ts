import { ModelBuilder } from "../builder.ts";
import { concat, convBn, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";
import { tinyYoloHeads } from "./tiny-yolo-heads.ts";

/**
 * YOLOv4-tiny (Darknet yolov4-tiny.cfg), 416×416, 80 COCO classes: a
 * CSPDarknet53-tiny backbone of three cross-stage blocks, YOLO heads on the
 * 13×13 map and, through a nearest 2× upsampling, on the 26×26 map. Box
 * decoding and NMS are not priced.
 */

const LEAKY = 0.1;

function conv(
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: number,
  out: number,
  stride = 1,
): string {
  return convBn(builder, name, input, { kernel, out, stride }, "leaky_relu", LEAKY);
}

/**
 * 3×3 conv; its second half of channels through two 3×3 convs, joined and
 * mixed by a 1×1 conv (the block's route); that concatenated with the first
 * conv's output, then 2×2 max-pooled. Returns the route and the pooled output.
 */
function cspBlock(
  builder: ModelBuilder,
  name: string,
  input: string,
  channels: number,
): { route: string; output: string } {
  const whole = conv(builder, `${name}.conv`, input, 3, channels);
  const [, half] = builder.multiOp(
    "split",
    `${name}.split`,
    [whole],
    { axis: 1, splits: [channels / 2, channels / 2] },
    2,
  );
  const first = conv(builder, `${name}.conv1`, half!, 3, channels / 2);
  const second = conv(builder, `${name}.conv2`, first, 3, channels / 2);
  const route = conv(
    builder,
    `${name}.mix`,
    concat(builder, `${name}.join`, [second, first]),
    1,
    channels,
  );
  const joined = concat(builder, `${name}.concat`, [whole, route]);
  return { route, output: maxPool(builder, `${name}.pool`, joined, 2, 2) };
}

export const YOLOV4_TINY: ZooModel = {
  id: "yolov4-tiny",
  description: "YOLOv4-tiny (Darknet yolov4-tiny.cfg), 416x416, 80 classes",
  build(dtype) {
    const builder = new ModelBuilder("yolov4-tiny", dtype);
    const image = builder.input("image", [1, 3, 416, 416]);
    let x = conv(builder, "stem1", image, 3, 32, 2);
    x = conv(builder, "stem2", x, 3, 64, 2);
    x = cspBlock(builder, "csp1", x, 64).output;
    x = cspBlock(builder, "csp2", x, 128).output;
    const { route, output } = cspBlock(builder, "csp3", x, 256);
    x = conv(builder, "conv5", output, 3, 512);
    const neck = conv(builder, "neck", x, 1, 256);
    tinyYoloHeads(builder, conv, neck, route);
    return builder.build();
  },
};
