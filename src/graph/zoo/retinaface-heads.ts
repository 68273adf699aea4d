import type { ModelBuilder } from "../builder.ts";

/** Per-level box and score maps flattened to [1, anchors, values] and joined over levels. */
export function joinHeads(
  builder: ModelBuilder,
  name: string,
  maps: readonly string[],
  values: number,
): string {
  const flattened = maps.map((map) => {
    const channelsLast = builder.op("transpose", `${map}.nhwc`, [map], {
      permutation: [0, 2, 3, 1],
    });
    return builder.op("reshape", `${map}.flat`, [channelsLast], { shape: [1, -1, values] });
  });
  return builder.op("concat", name, flattened, { axis: 1 });
}
