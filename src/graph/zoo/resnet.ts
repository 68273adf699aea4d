import { ModelBuilder } from "../builder.ts";
import { classifier, convBn, maxPool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

type Unit = "basic" | "bottleneck";

/** torchvision's ResNets (v1.5: a bottleneck strides in its 3×3), models.md §6–8. */
const RESNETS = {
  resnet18: { unit: "basic", units: [2, 2, 2, 2] },
  resnet34: { unit: "basic", units: [3, 4, 6, 3] },
  resnet50: { unit: "bottleneck", units: [3, 4, 6, 3] },
} as const satisfies Record<string, { unit: Unit; units: readonly number[] }>;

const STAGE_WIDTHS = [64, 128, 256, 512];

function resnetUnit(
  builder: ModelBuilder,
  name: string,
  input: string,
  channelsIn: number,
  width: number,
  stride: number,
  unit: Unit,
): { output: string; channels: number } {
  const channelsOut = unit === "basic" ? width : 4 * width;
  let residual: string;
  if (unit === "basic") {
    const first = convBn(
      builder,
      `${name}.conv1`,
      input,
      { kernel: 3, stride, out: width },
      "relu",
    );
    residual = convBn(builder, `${name}.conv2`, first, { kernel: 3, out: width });
  } else {
    const reduce = convBn(builder, `${name}.conv1`, input, { kernel: 1, out: width }, "relu");
    const spatial = convBn(
      builder,
      `${name}.conv2`,
      reduce,
      { kernel: 3, stride, out: width },
      "relu",
    );
    residual = convBn(builder, `${name}.conv3`, spatial, { kernel: 1, out: channelsOut });
  }
  const shortcut =
    stride !== 1 || channelsIn !== channelsOut
      ? convBn(builder, `${name}.downsample`, input, { kernel: 1, stride, out: channelsOut })
      : input;
  const sum = builder.op("add", `${name}.add`, [residual, shortcut]);
  return { output: builder.op("relu", `${name}.relu`, [sum]), channels: channelsOut };
}

/**
 * The torchvision ResNet trunk: stem, max-pool and four stages; returns the
 * output of each stage (RetinaFace's FPN reads stages 2–4).
 */
export function torchvisionResNetStages(
  builder: ModelBuilder,
  image: string,
  unit: Unit,
  units: readonly number[],
): string[] {
  const stem = convBn(builder, "stem", image, { kernel: 7, stride: 2, out: 64 }, "relu");
  let x = maxPool(builder, "stem.pool", stem, 3, 2, 1);
  let channels = 64;
  return units.map((count, stage) => {
    for (let index = 0; index < count; index++) {
      const stride = stage > 0 && index === 0 ? 2 : 1;
      const width = STAGE_WIDTHS[stage]!;
      const name = `layer${stage + 1}.${index}`;
      ({ output: x, channels } = resnetUnit(builder, name, x, channels, width, stride, unit));
    }
    return x;
  });
}

function resnet(id: keyof typeof RESNETS): ZooModel {
  const { unit, units } = RESNETS[id];
  return {
    id,
    description: `torchvision ${id} (${unit} units ${units.join("-")}), 224x224, ImageNet classifier`,
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 224, 224]);
      const stages = torchvisionResNetStages(builder, image, unit, units);
      classifier(builder, stages.at(-1)!);
      return builder.build();
    },
  };
}

export const RESNET_MODELS: readonly ZooModel[] = [
  resnet("resnet18"),
  resnet("resnet34"),
  resnet("resnet50"),
];
