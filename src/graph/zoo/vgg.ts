import { ModelBuilder } from "../builder.ts";
import { convAct, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/** VGG-16 configuration "D": conv widths per stage, each stage closed by a 2×2 max-pool (models.md §2). */
const VGG16_STAGES = [
  [64, 64],
  [128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [512, 512, 512],
];

export const VGG16: ZooModel = {
  id: "vgg16",
  description: "VGG-16 (torchvision, also CoDL's list), 224x224, 13 conv + 5 pool + 3 FC",
  build(dtype) {
    const builder = new ModelBuilder("vgg16", dtype);
    let x = builder.input("image", [1, 3, 224, 224]);
    VGG16_STAGES.forEach((widths, stage) => {
      widths.forEach((out, index) => {
        x = convAct(builder, `conv${stage + 1}_${index + 1}`, x, { kernel: 3, out }, "relu");
      });
      x = maxPool(builder, `pool${stage + 1}`, x, 2, 2);
    });
    x = builder.op("flatten", "flatten", [x], { axis: 1 });
    x = builder.op("relu", "fc6.relu", [builder.fullyConnected("fc6", x, 4096)]);
    x = builder.op("relu", "fc7.relu", [builder.fullyConnected("fc7", x, 4096)]);
    const logits = builder.fullyConnected("fc8", x, 1000);
    builder.op("softmax", "softmax", [logits], { axis: -1 });
    return builder.build();
  },
};
