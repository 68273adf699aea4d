import { ModelBuilder } from "../builder.ts";
import { convBn, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";
import { tinyYoloHeads } from "./tiny-yolo-heads.ts";

/**
 * YOLOv3-tiny (Darknet yolov3-tiny.cfg), 416×416, 80 COCO classes: six 3×3
 * convs each followed by a 2×2 max-pool (the last with stride 1), a 3×3
 * conv to 1024, then YOLO heads on the 13×13 map and, through a nearest 2×
 * upsampling joined with the fifth conv's output, on the 26×26 map. Every
 * conv has batchnorm and leaky ReLU but the two output convs. Box decoding
 * and NMS are not priced.
 */

const LEAKY = "leaky_relu" as const;

function conv(builder: ModelBuilder, name: string, input: string, kernel: number, out: number) {
  return convBn(builder, name, input, { kernel, out }, LEAKY);
}

export const YOLOV3_TINY: ZooModel = {
  id: "yolov3-tiny",
  description: "YOLOv3-tiny (Darknet yolov3-tiny.cfg), 416x416, 80 classes",
  build(dtype) {
    const builder = new ModelBuilder("yolov3-tiny", dtype);
    let x = builder.input("image", [1, 3, 416, 416]);
    let route = x;
    [16, 32, 64, 128, 256].forEach((out, index) => {
      x = conv(builder, `conv${index + 1}`, x, 3, out);
      if (out === 256) route = x;
      x = maxPool(builder, `pool${index + 1}`, x, 2, 2);
    });
    x = conv(builder, "conv6", x, 3, 512);
    // Darknet's stride-1 2×2 pool keeps the 13×13 size by padding one row and column after.
    x = builder.op("max_pool", "pool6", [x], {
      kernel: [2, 2],
      stride: [1, 1],
      padding: [0, 0, 1, 1],
    });
    x = conv(builder, "conv7", x, 3, 1024);
    const neck = conv(builder, "neck", x, 1, 256);
    tinyYoloHeads(builder, conv, neck, route);
    return builder.build();
  },
};
