import { ModelBuilder } from "../builder.ts";
import { classifier, concat, convBn, depthwiseBn, pool } from "./blocks.ts";
import type { ZooModel } from "./model.ts";

/**
 * NASNet-A Mobile (Zoph et al. 2018; TF-slim nasnet.py: 4 cells per stack,
 * 44 filters, 1056 penultimate channels), 224×224. Cell wiring follows
 * slim's NASNet-A normal and reduction cells; factorized reductions are
 * priced as an average pool and two half-width 1×1 convs.
 */

interface State {
  readonly name: string;
  readonly size: number;
  readonly channels: number;
}

/** ReLU → (depthwise k×k → pointwise → BN) twice, the first with the stride. */
function separable(
  builder: ModelBuilder,
  name: string,
  input: string,
  kernel: number,
  filters: number,
  stride: number,
): string {
  let x = builder.op("relu", `${name}.relu1`, [input]);
  x = depthwiseBn(builder, `${name}.dw1`, x, kernel, stride);
  x = convBn(builder, `${name}.pw1`, x, { kernel: 1, out: filters }, "relu");
  x = depthwiseBn(builder, `${name}.dw2`, x, kernel, 1);
  return convBn(builder, `${name}.pw2`, x, { kernel: 1, out: filters });
}

/** Brings a cell input to `filters` channels at `size` (factorized reduction when it is twice as large). */
function adjust(
  builder: ModelBuilder,
  name: string,
  state: State,
  filters: number,
  size: number,
): string {
  const activated = builder.op("relu", `${name}.relu`, [state.name]);
  if (state.size === size)
    return convBn(builder, `${name}.conv`, activated, { kernel: 1, out: filters });
  const halves = [0, 1].map((path) => {
    const pooled = pool(builder, "avg_pool", `${name}.path${path}.pool`, activated, 1, 2);
    return builder.conv(`${name}.path${path}.conv`, pooled, { kernel: 1, out: filters / 2 });
  });
  return builder.op("batchnorm", `${name}.bn`, [concat(builder, `${name}.concat`, halves)]);
}

function normalCell(
  builder: ModelBuilder,
  name: string,
  previous: State,
  current: State,
  filters: number,
): State {
  const size = current.size;
  const s0 = adjust(builder, `${name}.s0`, previous, filters, size);
  const s1 = adjust(builder, `${name}.s1`, current, filters, size);
  const add = (label: string, left: string, right: string) =>
    builder.op("add", `${name}.${label}`, [left, right]);
  const b1 = add(
    "b1",
    separable(builder, `${name}.b1.l`, s0, 5, filters, 1),
    separable(builder, `${name}.b1.r`, s1, 3, filters, 1),
  );
  const b2 = add(
    "b2",
    separable(builder, `${name}.b2.l`, s1, 5, filters, 1),
    separable(builder, `${name}.b2.r`, s1, 3, filters, 1),
  );
  const b3 = add("b3", pool(builder, "avg_pool", `${name}.b3.l`, s0, 3, 1, 1), s1);
  const b4 = add(
    "b4",
    pool(builder, "avg_pool", `${name}.b4.l`, s1, 3, 1, 1),
    pool(builder, "avg_pool", `${name}.b4.r`, s1, 3, 1, 1),
  );
  const b5 = add("b5", separable(builder, `${name}.b5.l`, s0, 3, filters, 1), s0);
  return {
    name: concat(builder, `${name}.concat`, [s1, b1, b2, b3, b4, b5]),
    size,
    channels: 6 * filters,
  };
}

function reductionCell(
  builder: ModelBuilder,
  name: string,
  previous: State,
  current: State,
  filters: number,
): State {
  const s0 = adjust(builder, `${name}.s0`, previous, filters, current.size);
  const s1 = adjust(builder, `${name}.s1`, current, filters, current.size);
  const add = (label: string, left: string, right: string) =>
    builder.op("add", `${name}.${label}`, [left, right]);
  const b1 = add(
    "b1",
    separable(builder, `${name}.b1.l`, s0, 5, filters, 2),
    separable(builder, `${name}.b1.r`, s1, 7, filters, 2),
  );
  const b2 = add(
    "b2",
    pool(builder, "max_pool", `${name}.b2.l`, s0, 3, 2, 1),
    separable(builder, `${name}.b2.r`, s1, 7, filters, 2),
  );
  const b3 = add(
    "b3",
    pool(builder, "avg_pool", `${name}.b3.l`, s0, 3, 2, 1),
    separable(builder, `${name}.b3.r`, s1, 5, filters, 2),
  );
  const b4 = add("b4", b2, pool(builder, "avg_pool", `${name}.b4.r`, b1, 3, 1, 1));
  const b5 = add(
    "b5",
    separable(builder, `${name}.b5.l`, b1, 3, filters, 1),
    pool(builder, "max_pool", `${name}.b5.r`, s0, 3, 2, 1),
  );
  return {
    name: concat(builder, `${name}.concat`, [b2, b3, b4, b5]),
    size: Math.ceil(current.size / 2),
    channels: 4 * filters,
  };
}

export const NASNET_MOBILE: ZooModel = {
  id: "nasnet-mobile",
  description: "NASNet-A Mobile 4@1056 (TF-slim), 224x224",
  build(dtype) {
    const builder = new ModelBuilder("nasnet-mobile", dtype);
    const image = builder.input("image", [1, 3, 224, 224]);
    const stem: State = {
      name: convBn(builder, "stem", image, { kernel: 3, out: 32, stride: 2, padding: "valid" }),
      size: 111,
      channels: 32,
    };
    const filters = 44;
    let previous = stem;
    let current = reductionCell(builder, "stem-cell0", stem, stem, filters / 4);
    [previous, current] = [
      current,
      reductionCell(builder, "stem-cell1", previous, current, filters / 2),
    ];
    [1, 2, 4].forEach((scale, stack) => {
      if (stack > 0) {
        [previous, current] = [
          current,
          reductionCell(builder, `reduce${stack}`, previous, current, filters * scale),
        ];
      }
      for (let index = 0; index < 4; index++) {
        [previous, current] = [
          current,
          normalCell(builder, `stack${stack}.${index}`, previous, current, filters * scale),
        ];
      }
    });
    classifier(builder, builder.op("relu", "final.relu", [current.name]));
    return builder.build();
  },
};
