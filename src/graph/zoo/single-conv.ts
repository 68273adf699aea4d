import { ModelBuilder } from "../builder.ts";
import type { DType } from "../op-kinds.ts";
import type { ZooModel } from "./model.ts";

/**
 * Single-convolution graphs of the calibration set's operator
 * micro-benchmarks (CoDL §2): a 3×3, stride-1, same-padded convolution.
 */
export function singleConv(
  id: string,
  height: number,
  width: number,
  inChannels: number,
  outChannels: number,
): ZooModel {
  return {
    id,
    description: `one 3x3 conv, ${height}x${width}x${inChannels} -> ${outChannels} channels`,
    build(dtype: DType) {
      const builder = new ModelBuilder(id, dtype);
      const input = builder.input("input", [1, inChannels, height, width]);
      builder.conv("conv", input, { kernel: 3, out: outChannels, bias: true });
      return builder.build();
    },
  };
}
