import { ModelBuilder } from "../builder.ts";
import { convBn, pool, separableBn } from "./blocks.ts";
import { efficientNetBackbone } from "./efficientnet.ts";
import { invertedResidual } from "./inverted-residual.ts";
import type { ZooModel } from "./model.ts";

/**
 * Detectors of the MediaPipe object-detector benchmarks: EfficientDet-Lite0
 * and Lite2 (Tan et al. 2020, Lite variant: EfficientNet-Lite backbone,
 * BiFPN with ReLU6 and fast fusion, 3 head repeats, 90 classes, 9 anchors)
 * and SSD MobileNetV2 (TF object-detection API, 6 feature maps). Box
 * decoding and NMS run outside the graph and are not priced.
 */

interface Level {
  readonly name: string;
  readonly size: number;
}

function resample(builder: ModelBuilder, name: string, input: Level, to: number): string {
  if (input.size === to) return input.name;
  if (input.size > to) return pool(builder, "max_pool", `${name}.down`, input.name, 3, 2, 1);
  return builder.op("resize", `${name}.up`, [input.name], {
    scale: [to / input.size, to / input.size],
    mode: "nearest",
  });
}

/** Fast normalised fusion: weighted sum of resampled inputs → ReLU6 → separable 3×3 + BN. */
function fuse(
  builder: ModelBuilder,
  name: string,
  inputs: readonly Level[],
  size: number,
  width: number,
): Level {
  const resampled = inputs.map((level, index) =>
    resample(builder, `${name}.in${index}`, level, size),
  );
  let sum = builder.op("mul", `${name}.w0`, [resampled[0]!], { operandShape: [1] });
  resampled.slice(1).forEach((tensor, index) => {
    const weighted = builder.op("mul", `${name}.w${index + 1}`, [tensor], { operandShape: [1] });
    sum = builder.op("add", `${name}.sum${index + 1}`, [sum, weighted]);
  });
  const activated = builder.op("relu6", `${name}.relu6`, [sum]);
  return { name: separableBn(builder, `${name}.conv`, activated, 3, width), size };
}

function bifpnLayer(
  builder: ModelBuilder,
  name: string,
  levels: readonly Level[],
  width: number,
): Level[] {
  const count = levels.length;
  const topDown: Level[] = new Array(count);
  topDown[count - 1] = levels[count - 1]!;
  for (let index = count - 2; index >= 0; index--) {
    topDown[index] = fuse(
      builder,
      `${name}.td${index}`,
      [levels[index]!, topDown[index + 1]!],
      levels[index]!.size,
      width,
    );
  }
  const out: Level[] = [topDown[0]!];
  for (let index = 1; index < count; index++) {
    const inputs =
      index === count - 1
        ? [levels[index]!, out[index - 1]!]
        : [levels[index]!, topDown[index]!, out[index - 1]!];
    out.push(fuse(builder, `${name}.bu${index}`, inputs, levels[index]!.size, width));
  }
  return out;
}

function predictionHead(
  builder: ModelBuilder,
  name: string,
  levels: readonly Level[],
  width: number,
  repeats: number,
  outputs: number,
): void {
  levels.forEach((level, index) => {
    let x = level.name;
    for (let repeat = 0; repeat < repeats; repeat++) {
      x = builder.op("relu6", `${name}.l${index}.r${repeat}.relu6`, [
        separableBn(builder, `${name}.l${index}.r${repeat}`, x, 3, width),
      ]);
    }
    const filtered = builder.depthwise(`${name}.l${index}.out.dw`, x, { kernel: 3 });
    builder.conv(`${name}.l${index}.out.pw`, filtered, { kernel: 1, out: outputs, bias: true });
  });
}

function efficientDetLite(
  id: string,
  resolution: number,
  backboneScale: { width: number; depth: number },
  width: number,
  layers: number,
): ZooModel {
  return {
    id,
    description: `${id} (EfficientDet Lite, ${resolution}x${resolution}, BiFPN ${width} channels x ${layers})`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, resolution, resolution]);
      const { features } = efficientNetBackbone(builder, image, {
        ...backboneScale,
        resolution,
        activation: "relu6",
        squeezeExcite: false,
        lite: true,
      });
      const stride8 = features[2]!;
      const stride16 = features[4]!;
      const stride32 = features[6]!;
      const p3 = resolution / 8;
      let levels: Level[] = [
        {
          name: convBn(builder, "p3.lateral", stride8.name, { kernel: 1, out: width }),
          size: p3,
        },
        {
          name: convBn(builder, "p4.lateral", stride16.name, { kernel: 1, out: width }),
          size: p3 / 2,
        },
        {
          name: convBn(builder, "p5.lateral", stride32.name, { kernel: 1, out: width }),
          size: p3 / 4,
        },
      ];
      const p6 = pool(
        builder,
        "max_pool",
        "p6",
        convBn(builder, "p6.lateral", stride32.name, { kernel: 1, out: width }),
        3,
        2,
        1,
      );
      levels.push({ name: p6, size: Math.ceil(p3 / 8) });
      levels.push({ name: pool(builder, "max_pool", "p7", p6, 3, 2, 1), size: Math.ceil(p3 / 16) });
      for (let layer = 0; layer < layers; layer++)
        levels = bifpnLayer(builder, `bifpn${layer}`, levels, width);
      predictionHead(builder, "class", levels, width, 3, 9 * 90);
      predictionHead(builder, "box", levels, width, 3, 9 * 4);
      return builder.build();
    },
  };
}

export const EFFICIENTDET_LITE0 = efficientDetLite(
  "efficientdet-lite0",
  320,
  { width: 1, depth: 1 },
  64,
  3,
);
export const EFFICIENTDET_LITE2 = efficientDetLite(
  "efficientdet-lite2",
  448,
  { width: 1.1, depth: 1.2 },
  112,
  5,
);

/** (expansion, out channels, repeats, first stride) of MobileNetV2. */
// biome-ignore format: a layer table reads best in rows
const MOBILENET_V2_STAGES: readonly (readonly [number, number, number, number])[] = [
  [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
];

/** MobileNetV2 blocks; returns every block output with its channels and the output stride reached. */
export function mobileNetV2Features(
  builder: ModelBuilder,
  image: string,
  dilateAfterStride = Number.POSITIVE_INFINITY,
  width = 1,
): { name: string; channels: number; expanded: string | undefined }[] {
  // Width multiplier as in the reference implementation: channels rounded to a multiple of 8.
  const scaled = (channels: number) => Math.max(8, Math.round((channels * width) / 8) * 8);
  let channels = scaled(32);
  let x = convBn(builder, "stem", image, { kernel: 3, out: channels, stride: 2 }, "relu6");
  let outputStride = 2;
  let dilation = 1;
  const blocks: { name: string; channels: number; expanded: string | undefined }[] = [];
  MOBILENET_V2_STAGES.forEach(([expansion, fullOut, repeats, firstStride], stage) => {
    const out = scaled(fullOut);
    for (let index = 0; index < repeats; index++) {
      let stride = index === 0 ? firstStride : 1;
      if (stride === 2 && outputStride >= dilateAfterStride) {
        dilation *= 2;
        stride = 1;
      } else if (stride === 2) outputStride *= 2;
      const name = `stage${stage + 1}.${index}`;
      x = invertedResidual(builder, name, x, channels, {
        expanded: channels * expansion,
        out,
        kernel: 3,
        stride,
        activation: "relu6",
        dilation,
      });
      blocks.push({
        name: x,
        channels: out,
        expanded: expansion === 1 ? undefined : `${name}.expand.relu6`,
      });
      channels = out;
    }
  });
  return blocks;
}

export const SSD_MOBILENET_V2: ZooModel = {
  id: "ssd-mobilenet-v2",
  description: "SSD MobileNetV2 (TF object-detection API layout), 256x256, 91 classes",
  build(dtype) {
    const builder = new ModelBuilder("ssd-mobilenet-v2", dtype);
    const image = builder.input("image", [1, 3, 256, 256]);
    const blocks = mobileNetV2Features(builder, image);
    const stride16 = blocks[13]!.expanded!;
    let x = convBn(
      builder,
      "features.conv",
      blocks.at(-1)!.name,
      { kernel: 1, out: 1280 },
      "relu6",
    );
    const maps = [stride16, x];
    [512, 256, 256, 128].forEach((out, index) => {
      const reduced = convBn(
        builder,
        `extra${index}.reduce`,
        x,
        { kernel: 1, out: out / 2 },
        "relu6",
      );
      x = convBn(builder, `extra${index}.conv`, reduced, { kernel: 3, out, stride: 2 }, "relu6");
      maps.push(x);
    });
    maps.forEach((map, index) => {
      const anchors = index === 0 ? 3 : 6;
      builder.conv(`box${index}`, map, { kernel: 1, out: anchors * 4, bias: true });
      builder.conv(`class${index}`, map, { kernel: 1, out: anchors * 91, bias: true });
    });
    return builder.build();
  },
};
