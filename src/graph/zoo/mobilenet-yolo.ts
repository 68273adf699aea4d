import { ModelBuilder } from "../builder.ts";
import { convBn, depthwiseBn } from "./blocks.ts";
import type { ZooModel } from "./model.ts";
import { caffeMobileNet } from "./ssd-ncnn.ts";

/**
 * MobileNet-YOLO as ncnn's current benchmark/models/mobilenet_yolo.param
 * builds it, 416×416, 20 VOC classes, 5 anchors: a YOLOv2 head on the 13×13
 * map and, through a depthwise transposed-conv 2× upsampling added to the
 * 26×26 map, a second one. Box decoding and NMS are not priced.
 */
export const MOBILENET_YOLO: ZooModel = {
  id: "mobilenet-yolo",
  description: "MobileNet-YOLO (ncnn benchmark layout), 416x416, 20 classes",
  build(dtype) {
    const builder = new ModelBuilder("mobilenet-yolo", dtype);
    const image = builder.input("image", [1, 3, 416, 416]);
    const blocks = caffeMobileNet(builder, image);
    let coarse = depthwiseBn(builder, "coarse.dw", blocks.at(-1)!, 3, 1, "relu");
    coarse = convBn(builder, "coarse.pw", coarse, { kernel: 1, out: 1024 }, "relu");
    const upsampled = builder.op("transposed_conv2d", "upsample", [coarse], {
      kernel: [4, 4],
      stride: [2, 2],
      padding: [1, 1, 1, 1],
      groups: 512,
      outChannels: 512,
    });
    const merged = builder.op("add", "fine.add", [blocks[10]!, upsampled]);
    let fine = depthwiseBn(builder, "fine.dw", merged, 3, 1, "relu");
    fine = convBn(builder, "fine.pw", fine, { kernel: 1, out: 1024 }, "relu");
    const outputs = 5 * (20 + 5);
    builder.conv("coarse.out", coarse, { kernel: 1, out: outputs, bias: true });
    builder.conv("fine.out", fine, { kernel: 1, out: outputs, bias: true });
    return builder.build();
  },
};
