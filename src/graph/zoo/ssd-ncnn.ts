import { ModelBuilder } from "../builder.ts";
import { concat, convAct, convBn, depthwiseBn, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";
import { fire } from "./squeezenet.ts";

/**
 * The Caffe SSD detectors of ncnn's benchmark (benchmark/mobilenet_ssd.param
 * and squeezenet_ssd.param), 300×300, 21 VOC classes. Prior boxes and
 * detection output (box decoding, NMS) are not priced, as elsewhere in the zoo.
 */

interface FeatureMap {
  readonly name: string;
  readonly anchors: number;
}

const CLASSES = 21;

/** Per map a loc and a conf conv, each permuted to NHWC and flattened; all concatenated; softmax over classes. */
function ssdHeads(builder: ModelBuilder, maps: readonly FeatureMap[], kernel: number): void {
  const flattened = (head: string, map: FeatureMap, index: number, out: number) => {
    const conv = builder.conv(`${head}${index}`, map.name, { kernel, out, bias: true });
    const permuted = builder.op("transpose", `${head}${index}.permute`, [conv], {
      permutation: [0, 2, 3, 1],
    });
    return builder.op("flatten", `${head}${index}.flatten`, [permuted], { axis: 1 });
  };
  concat(
    builder,
    "loc",
    maps.map((map, index) => flattened("loc", map, index, map.anchors * 4)),
  );
  const confidences = builder.op(
    "concat",
    "conf",
    maps.map((map, index) => flattened("conf", map, index, map.anchors * CLASSES)),
    { axis: 1 },
  );
  const perBox = builder.op("reshape", "conf.reshape", [confidences], {
    shape: [1, -1, CLASSES],
  });
  builder.op("softmax", "conf.softmax", [perBox], { axis: -1 });
}

/** Extra layers: 1×1 reduce → 3×3 stride-2 conv, each with batchnorm and ReLU; returns each output. */
function extras(
  builder: ModelBuilder,
  input: string,
  layers: readonly (readonly [reduce: number, out: number])[],
): string[] {
  let x = input;
  return layers.map(([reduce, out], index) => {
    const reduced = convBn(builder, `extra${index}.reduce`, x, { kernel: 1, out: reduce }, "relu");
    x = convBn(builder, `extra${index}.conv`, reduced, { kernel: 3, out, stride: 2 }, "relu");
    return x;
  });
}

/** MobileNetV1 blocks as (out channels, stride) of the Caffe MobileNet-SSD (ReLU, BN folded in ncnn). */
// biome-ignore format: a layer table reads best in rows
const MOBILENET_BLOCKS: readonly (readonly [number, number])[] = [
  [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2],
  [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1],
];

/** The Caffe MobileNetV1 backbone of ncnn's MobileNet detectors; returns every block's output. */
export function caffeMobileNet(builder: ModelBuilder, image: string): string[] {
  let x = convBn(builder, "stem", image, { kernel: 3, out: 32, stride: 2 }, "relu");
  return MOBILENET_BLOCKS.map(([out, stride], index) => {
    x = depthwiseBn(builder, `block${index + 1}.dw`, x, 3, stride, "relu");
    x = convBn(builder, `block${index + 1}.pw`, x, { kernel: 1, out }, "relu");
    return x;
  });
}

export const MOBILENET_SSD: ZooModel = {
  id: "mobilenet-ssd",
  description: "MobileNet-SSD (Caffe, ncnn benchmark layout), 300x300, 21 classes",
  build(dtype) {
    const builder = new ModelBuilder("mobilenet-ssd", dtype);
    const image = builder.input("image", [1, 3, 300, 300]);
    const blocks = caffeMobileNet(builder, image);
    const extraMaps = extras(builder, blocks.at(-1)!, [
      [256, 512],
      [128, 256],
      [128, 256],
      [64, 128],
    ]);
    ssdHeads(
      builder,
      [
        { name: blocks[10]!, anchors: 3 },
        { name: blocks[12]!, anchors: 6 },
        ...extraMaps.map((name) => ({ name, anchors: 6 })),
      ],
      1,
    );
    return builder.build();
  },
};

// biome-ignore format: a layer table reads best in rows
const SQUEEZENET_FIRES: readonly (readonly [squeeze: number, expand: number, poolBefore: boolean])[] = [
  [16, 64, false], [16, 64, false], [32, 128, true], [32, 128, false],
  [48, 192, true], [48, 192, false], [64, 256, false], [64, 256, false],
  [96, 384, true], [96, 384, true],
];

export const SQUEEZENET_SSD: ZooModel = {
  id: "squeezenet-ssd",
  description: "SqueezeNet-SSD (Caffe, ncnn benchmark layout), 300x300, 21 classes",
  build(dtype) {
    const builder = new ModelBuilder("squeezenet-ssd", dtype);
    const image = builder.input("image", [1, 3, 300, 300]);
    let x = convAct(
      builder,
      "stem",
      image,
      { kernel: 3, out: 64, stride: 2, padding: "valid" },
      "relu",
    );
    x = pool(builder, "max_pool", "stem.pool", x, 3, 2, 0, true);
    const fires: string[] = [];
    SQUEEZENET_FIRES.forEach(([squeeze, expand, poolBefore], index) => {
      if (poolBefore) x = pool(builder, "max_pool", `pool${index}`, x, 3, 2, 0, true);
      x = fire(builder, `fire${index + 2}`, x, squeeze, expand);
      fires.push(x);
    });
    // fire5's map is batch-normalised before its head (a scale the others lack).
    const fire5 = builder.op("batchnorm", "fire5.norm", [fires[3]!]);
    const extraMaps = extras(builder, x, [
      [128, 256],
      [64, 128],
    ]);
    ssdHeads(
      builder,
      [
        { name: fire5, anchors: 4 },
        { name: fires[7]!, anchors: 6 },
        { name: fires[8]!, anchors: 6 },
        { name: fires[9]!, anchors: 6 },
        { name: extraMaps[0]!, anchors: 6 },
        { name: extraMaps[1]!, anchors: 4 },
      ],
      3,
    );
    return builder.build();
  },
};
