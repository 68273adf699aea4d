import { ModelBuilder } from "../../../src/graph/builder.ts";
import type { ZooModel } from "../../../src/graph/zoo/model.ts";
import { mobileNetV2Features } from "./detection.ts";
import { concat, conv } from "./layers.ts";

/**
 * DeepLab-v3 with a MobileNetV2 backbone at output stride 8 (as DeepLab's
 * MobileNetV2 PASCAL checkpoints are evaluated) and the mobile ASPP (1×1
 * branch + image pooling), 21 classes, 257×257 (the TFLite segmentation
 * model MediaPipe benchmarks).
 */
export const DEEPLAB_V3: ZooModel = {
  id: "deeplab-v3",
  description: "DeepLab-v3 MobileNetV2 (output stride 8, mobile ASPP), 257x257, 21 classes",
  build(dtype) {
    const builder = new ModelBuilder("deeplab-v3", dtype);
    const image = builder.input("image", [1, 3, 257, 257]);
    const features = mobileNetV2Features(builder, image, 8).at(-1)!.name;
    const size = 33;
    const pooled = builder.op("global_avg_pool", "aspp.pool", [features]);
    const pooledConv = conv(builder, "aspp.pool.conv", pooled, 1, 256);
    const broadcast = builder.op("resize", "aspp.pool.resize", [pooledConv], {
      scale: [size, size],
      mode: "bilinear",
    });
    const direct = conv(builder, "aspp.1x1", features, 1, 256);
    const merged = conv(
      builder,
      "aspp.project",
      concat(builder, "aspp.concat", [direct, broadcast]),
      1,
      256,
    );
    const logits = builder.conv("logits", merged, { kernel: 1, out: 21, bias: true });
    const scale = 257 / size + 1e-9;
    builder.op("resize", "upsample", [logits], { scale: [scale, scale], mode: "bilinear" });
    return builder.build();
  },
};
