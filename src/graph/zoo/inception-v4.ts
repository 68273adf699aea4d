import type { Pair } from "../builder.ts";
import { ModelBuilder } from "../builder.ts";
import { classifier, concat, convBn, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/** Inception-v4 (Szegedy et al. 2017, Figs. 3–9; TF-slim layout), 299×299. */

type Step = readonly [kernel: Pair, out: number, stride?: number, padding?: "same" | "valid"];

/** A branch: convs in sequence. */
export function branch(
  builder: ModelBuilder,
  name: string,
  input: string,
  steps: readonly Step[],
): string {
  let x = input;
  steps.forEach(([kernel, out, stride, padding], index) => {
    x = convBn(
      builder,
      `${name}.${index}`,
      x,
      { kernel, out, stride: stride ?? 1, padding: padding ?? "same" },
      "relu",
    );
  });
  return x;
}

/** The Inception-v4 stem: 299×299×3 → 35×35×384. */
export function inceptionV4Stem(builder: ModelBuilder, image: string): string {
  let x = branch(builder, "stem", image, [
    [3, 32, 2, "valid"],
    [3, 32, 1, "valid"],
    [3, 64],
  ]);
  x = concat(builder, "stem.mixed3", [
    pool(builder, "max_pool", "stem.mixed3.pool", x, 3, 2),
    branch(builder, "stem.mixed3.conv", x, [[3, 96, 2, "valid"]]),
  ]);
  x = concat(builder, "stem.mixed4", [
    branch(builder, "stem.mixed4.a", x, [
      [1, 64],
      [3, 96, 1, "valid"],
    ]),
    branch(builder, "stem.mixed4.b", x, [
      [1, 64],
      [[1, 7], 64],
      [[7, 1], 64],
      [3, 96, 1, "valid"],
    ]),
  ]);
  return concat(builder, "stem.mixed5", [
    branch(builder, "stem.mixed5.conv", x, [[3, 192, 2, "valid"]]),
    pool(builder, "max_pool", "stem.mixed5.pool", x, 3, 2),
  ]);
}

function blockA(builder: ModelBuilder, name: string, x: string): string {
  return concat(builder, `${name}.concat`, [
    branch(builder, `${name}.b0`, x, [[1, 96]]),
    branch(builder, `${name}.b1`, x, [
      [1, 64],
      [3, 96],
    ]),
    branch(builder, `${name}.b2`, x, [
      [1, 64],
      [3, 96],
      [3, 96],
    ]),
    branch(builder, `${name}.b3`, pool(builder, "avg_pool", `${name}.pool`, x, 3, 1, 1), [[1, 96]]),
  ]);
}

function blockB(builder: ModelBuilder, name: string, x: string): string {
  return concat(builder, `${name}.concat`, [
    branch(builder, `${name}.b0`, x, [[1, 384]]),
    branch(builder, `${name}.b1`, x, [
      [1, 192],
      [[1, 7], 224],
      [[7, 1], 256],
    ]),
    branch(builder, `${name}.b2`, x, [
      [1, 192],
      [[7, 1], 192],
      [[1, 7], 224],
      [[7, 1], 224],
      [[1, 7], 256],
    ]),
    branch(builder, `${name}.b3`, pool(builder, "avg_pool", `${name}.pool`, x, 3, 1, 1), [
      [1, 128],
    ]),
  ]);
}

function blockC(builder: ModelBuilder, name: string, x: string): string {
  const middle = branch(builder, `${name}.b1`, x, [[1, 384]]);
  const deep = branch(builder, `${name}.b2`, x, [
    [1, 384],
    [[3, 1], 448],
    [[1, 3], 512],
  ]);
  return concat(builder, `${name}.concat`, [
    branch(builder, `${name}.b0`, x, [[1, 256]]),
    branch(builder, `${name}.b1a`, middle, [[[1, 3], 256]]),
    branch(builder, `${name}.b1b`, middle, [[[3, 1], 256]]),
    branch(builder, `${name}.b2a`, deep, [[[1, 3], 256]]),
    branch(builder, `${name}.b2b`, deep, [[[3, 1], 256]]),
    branch(builder, `${name}.b3`, pool(builder, "avg_pool", `${name}.pool`, x, 3, 1, 1), [
      [1, 256],
    ]),
  ]);
}

export const INCEPTION_V4: ZooModel = {
  id: "inception-v4",
  description: "Inception-v4 (TF-slim), 299x299",
  build(dtype) {
    const builder = new ModelBuilder("inception-v4", dtype);
    let x = inceptionV4Stem(builder, builder.input("image", [1, 3, 299, 299]));
    for (let index = 0; index < 4; index++) x = blockA(builder, `a${index}`, x);
    x = concat(builder, "reduction-a", [
      branch(builder, "reduction-a.b0", x, [[3, 384, 2, "valid"]]),
      branch(builder, "reduction-a.b1", x, [
        [1, 192],
        [3, 224],
        [3, 256, 2, "valid"],
      ]),
      pool(builder, "max_pool", "reduction-a.pool", x, 3, 2),
    ]);
    for (let index = 0; index < 7; index++) x = blockB(builder, `b${index}`, x);
    x = concat(builder, "reduction-b", [
      branch(builder, "reduction-b.b0", x, [
        [1, 192],
        [3, 192, 2, "valid"],
      ]),
      branch(builder, "reduction-b.b1", x, [
        [1, 256],
        [[1, 7], 256],
        [[7, 1], 320],
        [3, 320, 2, "valid"],
      ]),
      pool(builder, "max_pool", "reduction-b.pool", x, 3, 2),
    ]);
    for (let index = 0; index < 3; index++) x = blockC(builder, `c${index}`, x);
    classifier(builder, x);
    return builder.build();
  },
};
