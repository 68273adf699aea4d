import type { ModelBuilder } from "../builder.ts";
import { concat } from "./blocks.ts";

/** A model's own conv + batchnorm + activation, as its config spells it. */
export type TinyYoloConv = (
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: number,
  out: number,
) => string;

/**
 * The two YOLO heads of the tiny Darknet detectors (YOLOv3-tiny, YOLOv4-tiny):
 * a 3×3 conv and a 1×1 output conv on the coarse map, and on the fine map the
 * neck reduced to 128 channels, upsampled 2× (nearest), joined with the route
 * and put through the same pair. 3 anchors × (80 COCO classes + 5) outputs each.
 */
export function tinyYoloHeads(
  builder: ModelBuilder,
  conv: TinyYoloConv,
  neck: string,
  route: string,
): void {
  const outputs = 3 * (80 + 5);
  builder.conv("coarse.out", conv(builder, "coarse.conv", neck, 3, 512), {
    kernel: 1,
    out: outputs,
    bias: true,
  });
  const upsampled = builder.op(
    "resize",
    "fine.upsample",
    [conv(builder, "fine.reduce", neck, 1, 128)],
    {
      scale: [2, 2],
      mode: "nearest",
    },
  );
  const fine = conv(
    builder,
    "fine.conv",
    concat(builder, "fine.concat", [upsampled, route]),
    3,
    256,
  );
  builder.conv("fine.out", fine, { kernel: 1, out: outputs, bias: true });
}
