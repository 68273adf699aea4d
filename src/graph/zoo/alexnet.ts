import { ModelBuilder } from "../builder.ts";
import { convAct, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/** AlexNet (BVLC Caffe: grouped conv2/4/5, LRN omitted), 227×227. */
export const ALEXNET: ZooModel = {
  id: "alexnet",
  description: "AlexNet (BVLC Caffe, two groups in conv2/4/5), 227x227",
  build(dtype) {
    const builder = new ModelBuilder("alexnet", dtype);
    const image = builder.input("image", [1, 3, 227, 227]);
    let x = convAct(
      builder,
      "conv1",
      image,
      { kernel: 11, out: 96, stride: 4, padding: "valid" },
      "relu",
    );
    x = pool(builder, "max_pool", "pool1", x, 3, 2);
    x = convAct(builder, "conv2", x, { kernel: 5, out: 256, groups: 2 }, "relu");
    x = pool(builder, "max_pool", "pool2", x, 3, 2);
    x = convAct(builder, "conv3", x, { kernel: 3, out: 384 }, "relu");
    x = convAct(builder, "conv4", x, { kernel: 3, out: 384, groups: 2 }, "relu");
    x = convAct(builder, "conv5", x, { kernel: 3, out: 256, groups: 2 }, "relu");
    x = pool(builder, "max_pool", "pool5", x, 3, 2);
    x = builder.op("flatten", "flatten", [x], { axis: 1 });
    x = builder.op("relu", "fc6.relu", [builder.fullyConnected("fc6", x, 4096)]);
    x = builder.op("relu", "fc7.relu", [builder.fullyConnected("fc7", x, 4096)]);
    builder.op("softmax", "softmax", [builder.fullyConnected("fc8", x, 1000)], { axis: -1 });
    return builder.build();
  },
};
