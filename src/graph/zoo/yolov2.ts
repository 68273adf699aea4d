import { ModelBuilder } from "../builder.ts";
import { convAct, convBn, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/**
 * Layers 1–20 of YOLOv2 (Darknet `yolo-voc.cfg`, models.md §1) as
 * (kernel, out channels); "pool" is a 2×2 stride-2 max-pool. Layer 13's
 * output is the 26×26×512 passthrough.
 */
// biome-ignore format: a layer table reads best in rows
const TRUNK: readonly (readonly [number, number] | "pool")[] = [
  [3, 32], "pool", [3, 64], "pool",
  [3, 128], [1, 64], [3, 128], "pool",
  [3, 256], [1, 128], [3, 256], "pool",
  [3, 512], [1, 256], [3, 512], [1, 256], [3, 512], "pool",
  [3, 1024], [1, 512], [3, 1024], [1, 512], [3, 1024],
  [3, 1024], [3, 1024],
];
const PASSTHROUGH_LAYER = 13;
const VOC_OUTPUTS = 125; // 5 anchors × (20 classes + 5)

/**
 * `codl`: CoDL's op list (22 conv + 5 pool; BN folded, so convs have a bias):
 * no passthrough conv or reorg; its penultimate conv reads 1536 channels at
 * 13×13, which we take as the last pool's 512 concatenated with layer 20's
 * 1024 (the only 512-channel 13×13 tensor in the list). `darknet`: the real
 * network, passthrough conv k1 c64 + reorg + route (1280 channels).
 */
function yolov2(id: string, variant: "codl" | "darknet"): ZooModel {
  return {
    id,
    description:
      variant === "codl"
        ? "YOLOv2 as listed by CoDL (seed variant), 416x416, 22 conv + 5 pool, BN folded"
        : "YOLOv2-VOC (Darknet yolo-voc.cfg), 416x416, passthrough + reorg, conv+BN",
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      let x = builder.input("image", [1, 3, 416, 416]);
      const layer = (name: string, input: string, kernel: number, out: number) =>
        variant === "codl"
          ? convAct(builder, name, input, { kernel, out }, "leaky_relu", 0.1)
          : convBn(builder, name, input, { kernel, out }, "leaky_relu", 0.1);
      let convIndex = 0;
      let poolIndex = 0;
      let passthrough = x;
      for (const entry of TRUNK) {
        if (entry === "pool") {
          x = maxPool(builder, `pool${++poolIndex}`, x, 2, 2);
          continue;
        }
        x = layer(`conv${++convIndex}`, x, entry[0], entry[1]);
        if (convIndex === PASSTHROUGH_LAYER) passthrough = x;
      }
      let route: string;
      if (variant === "codl") {
        route = builder.op("concat", "route", [`pool${poolIndex}`, x], { axis: 1 });
      } else {
        const reduced = layer("conv21", passthrough, 1, 64);
        const reorg = builder.op("space_to_depth", "reorg", [reduced], { blockSize: 2 });
        route = builder.op("concat", "route", [reorg, x], { axis: 1 });
      }
      const fused = layer(`conv${variant === "codl" ? 21 : 22}`, route, 3, 1024);
      builder.conv(`conv${variant === "codl" ? 22 : 23}`, fused, {
        kernel: 1,
        out: VOC_OUTPUTS,
        bias: true,
      });
      return builder.build();
    },
  };
}

export const YOLOV2_MODELS: readonly ZooModel[] = [
  yolov2("yolov2", "codl"),
  yolov2("yolov2-voc", "darknet"),
];
