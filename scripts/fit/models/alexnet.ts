import { ModelBuilder } from "../../../src/graph/builder.ts";
import type { ZooModel } from "../../../src/graph/zoo/model.ts";
import { conv, pool } from "./layers.ts";

/** AlexNet (BVLC Caffe: grouped conv2/4/5, LRN omitted), 227×227. */
export const ALEXNET: ZooModel = {
  id: "alexnet",
  description: "AlexNet (BVLC Caffe, two groups in conv2/4/5), 227x227",
  build(dtype) {
    const builder = new ModelBuilder("alexnet", dtype);
    const image = builder.input("image", [1, 3, 227, 227]);
    let x = conv(builder, "conv1", image, 11, 96, { stride: 4, padding: "valid", bias: true });
    x = pool(builder, "max_pool", "pool1", x, 3, 2);
    x = conv(builder, "conv2", x, 5, 256, { groups: 2, bias: true });
    x = pool(builder, "max_pool", "pool2", x, 3, 2);
    x = conv(builder, "conv3", x, 3, 384, { bias: true });
    x = conv(builder, "conv4", x, 3, 384, { groups: 2, bias: true });
    x = conv(builder, "conv5", x, 3, 256, { groups: 2, bias: true });
    x = pool(builder, "max_pool", "pool5", x, 3, 2);
    x = builder.op("flatten", "flatten", [x], { axis: 1 });
    x = builder.op("relu", "fc6.relu", [builder.fullyConnected("fc6", x, 4096)]);
    x = builder.op("relu", "fc7.relu", [builder.fullyConnected("fc7", x, 4096)]);
    builder.op("softmax", "softmax", [builder.fullyConnected("fc8", x, 1000)], { axis: -1 });
    return builder.build();
  },
};
