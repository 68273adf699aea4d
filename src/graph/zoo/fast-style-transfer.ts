import { type ConvSpec, ModelBuilder } from "../builder.ts";
import type { ZooModel } from "./model.ts";

const RESIDUAL_BLOCKS = 5;

/** conv (no bias) → instance norm → optional ReLU, lengstrom/fast-style-transfer's `_conv_layer`. */
function convInstanceNorm(
  builder: ModelBuilder,
  name: string,
  input: string,
  spec: ConvSpec,
  relu: boolean,
) {
  const conv = builder.conv(name, input, { ...spec, bias: false });
  const normalized = builder.op("instance_norm", `${name}.in`, [conv]);
  return relu ? builder.op("relu", `${name}.relu`, [normalized]) : normalized;
}

/**
 * Johnson et al.'s transform net (models.md §4) at 480×640. `codl`: CoDL's
 * 14-op list, which drops the two transposed convs; the 128-channel
 * 120×160 map still has to become the 32-channel 480×640 map the last conv
 * reads, so a zero-MAC depth-to-space and nearest resize stand in for them.
 * `full`: the network with its two stride-2 transposed convs.
 */
function fastStyleTransfer(id: string, variant: "codl" | "full"): ZooModel {
  return {
    id,
    description:
      variant === "codl"
        ? "Fast style transfer (Johnson et al.) as listed by CoDL: 480x640, no upsampling convs"
        : "Fast style transfer (Johnson et al., lengstrom implementation), 480x640, full",
    build(dtype) {
      const builder = new ModelBuilder(id, dtype);
      const image = builder.input("image", [1, 3, 480, 640]);
      let x = convInstanceNorm(builder, "conv1", image, { kernel: 9, out: 32 }, true);
      x = convInstanceNorm(builder, "conv2", x, { kernel: 3, stride: 2, out: 64 }, true);
      x = convInstanceNorm(builder, "conv3", x, { kernel: 3, stride: 2, out: 128 }, true);
      for (let block = 1; block <= RESIDUAL_BLOCKS; block++) {
        const name = `res${block}`;
        const first = convInstanceNorm(builder, `${name}.conv1`, x, { kernel: 3, out: 128 }, true);
        const second = convInstanceNorm(
          builder,
          `${name}.conv2`,
          first,
          { kernel: 3, out: 128 },
          false,
        );
        x = builder.op("add", `${name}.add`, [second, x]);
      }
      if (variant === "codl") {
        x = builder.op("depth_to_space", "bridge.depth_to_space", [x], { blockSize: 2 });
        x = builder.op("resize", "bridge.resize", [x], { scale: [2, 2], mode: "nearest" });
      } else {
        for (const [index, out] of [
          [1, 64],
          [2, 32],
        ] as const) {
          const name = `deconv${index}`;
          const upsampled = builder.op("transposed_conv2d", name, [x], {
            kernel: [3, 3],
            stride: [2, 2],
            padding: [1, 1, 1, 1],
            outputPadding: [1, 1],
            outChannels: out,
            bias: false,
          });
          x = builder.op("relu", `${name}.relu`, [
            builder.op("instance_norm", `${name}.in`, [upsampled]),
          ]);
        }
      }
      x = convInstanceNorm(builder, "conv_out", x, { kernel: 9, out: 3 }, false);
      builder.op("tanh", "conv_out.tanh", [x]);
      return builder.build();
    },
  };
}

export const FAST_STYLE_TRANSFER_MODELS: readonly ZooModel[] = [
  fastStyleTransfer("fast-style-transfer", "codl"),
  fastStyleTransfer("fast-style-transfer-full", "full"),
];
