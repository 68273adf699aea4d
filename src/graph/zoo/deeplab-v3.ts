import { ModelBuilder } from "../builder.ts";
import { concat, convBn } from "./blocks.ts";
import { mobileNetV2Features } from "./detection.ts";
import type { ZooModel } from "./model.ts";

/**
 * DeepLab-v3 as TFLite hosts it for segmentation at 257×257 (the model the
 * MediaPipe segmenter benchmarks): a MobileNetV2 backbone at depth
 * multiplier 0.5 and output stride 16 (17×17 features; tensorflow/tensorflow
 * issue #26474 reports the hosted deeplabv3_257_mv_gpu.tflite's depth
 * multiplier 0.5 and a 1×17×17×96 tensor, and the 2.7 MB file holds about
 * 0.7 M float weights), the mobile ASPP (1×1 branch + image pooling), 21
 * classes.
 */
export const DEEPLAB_V3: ZooModel = {
  id: "deeplab-v3",
  description: "DeepLab-v3 MobileNetV2 0.5 (output stride 16, mobile ASPP), 257x257, 21 classes",
  build(dtype) {
    const builder = new ModelBuilder("deeplab-v3", dtype);
    const image = builder.input("image", [1, 3, 257, 257]);
    const features = mobileNetV2Features(builder, image, 16, 0.5).at(-1)!.name;
    const size = 17;
    const pooled = builder.op("global_avg_pool", "aspp.pool", [features]);
    const pooledConv = convBn(builder, "aspp.pool.conv", pooled, { kernel: 1, out: 256 }, "relu");
    const broadcast = builder.op("resize", "aspp.pool.resize", [pooledConv], {
      scale: [size, size],
      mode: "bilinear",
    });
    const direct = convBn(builder, "aspp.1x1", features, { kernel: 1, out: 256 }, "relu");
    const merged = convBn(
      builder,
      "aspp.project",
      concat(builder, "aspp.concat", [direct, broadcast]),
      { kernel: 1, out: 256 },
      "relu",
    );
    const logits = builder.conv("logits", merged, { kernel: 1, out: 21, bias: true });
    const scale = 257 / size + 1e-9;
    builder.op("resize", "upsample", [logits], { scale: [scale, scale], mode: "bilinear" });
    return builder.build();
  },
};
