import fc from "fast-check";
import { type DType, type Graph, ModelBuilder } from "../../graph/index.ts";

export interface GraphArbitraryConstraints {
  /** Fewest ops the recipe asks for (default 1). Some steps add two ops (a split, a flatten + FC). */
  readonly minOps?: number;
  /** Most steps of the recipe (default 20); a graph holds at most about twice as many ops. */
  readonly maxOps?: number;
  /** Element type of the graph (default "fp32"). */
  readonly dtype?: DType;
}

/** One step of a recipe: which kind of op to add and numbers that choose its inputs and sizes. */
interface Step {
  readonly recipe: number;
  readonly first: number;
  readonly second: number;
  readonly size: number;
}

interface FeatureMap {
  readonly name: string;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

const RECIPES = 13;
const MAX_SIDE = 48;

/**
 * Random valid DAGs of CNN-like ops (convs, depthwise and transposed convs,
 * norms, activations, pools, residual adds, broadcast muls, concats, splits,
 * resizes, pads, a flatten + FC head), built through the IR's own builder so
 * every graph validates. Steps pick their inputs among all earlier feature
 * maps, so graphs branch and join. Shrinks towards fewer, simpler steps.
 */
export function graphArbitrary(constraints: GraphArbitraryConstraints = {}): fc.Arbitrary<Graph> {
  const minOps = constraints.minOps ?? 1;
  const maxOps = constraints.maxOps ?? 20;
  const dtype = constraints.dtype ?? "fp32";
  if (!Number.isInteger(minOps) || minOps < 1) {
    throw new Error(`graphArbitrary: minOps must be a positive integer, got ${minOps}`);
  }
  if (!Number.isInteger(maxOps) || maxOps < minOps) {
    throw new Error(
      `graphArbitrary: maxOps (${maxOps}) must be an integer no smaller than minOps (${minOps})`,
    );
  }
  const step = fc.record({
    recipe: fc.nat({ max: RECIPES - 1 }),
    first: fc.nat(),
    second: fc.nat(),
    size: fc.integer({ min: 1, max: 4 }),
  });
  const input = fc.record({
    channels: fc.integer({ min: 1, max: 8 }),
    side: fc.integer({ min: 2, max: 16 }),
  });
  return fc
    .tuple(input, fc.array(step, { minLength: minOps, maxLength: maxOps }))
    .map(([{ channels, side }, steps]) => buildFromRecipe(channels, side, steps, dtype));
}

function buildFromRecipe(
  channels: number,
  side: number,
  steps: readonly Step[],
  dtype: DType,
): Graph {
  const builder = new ModelBuilder("random", dtype);
  const maps: FeatureMap[] = [
    { name: builder.input("x", [1, channels, side, side]), channels, height: side, width: side },
  ];
  steps.forEach((step, index) => {
    addStep(builder, maps, step, `op${index}`);
  });
  return builder.build();
}

function addStep(builder: ModelBuilder, maps: FeatureMap[], step: Step, name: string): void {
  // Mostly extend the newest map (chains, like real nets); sometimes reach back (branches, skips).
  const x = step.first % 3 === 0 ? maps[step.first % maps.length]! : maps[maps.length - 1]!;
  const push = (output: string, channels: number, height: number, width: number) =>
    maps.push({ name: output, channels, height, width });
  const sameShape = maps.filter(
    (map) => map.channels === x.channels && map.height === x.height && map.width === x.width,
  );
  const sameSize = maps.filter((map) => map.height === x.height && map.width === x.width);
  switch (step.recipe) {
    case 0: {
      const kernel = step.size % 2 === 1 && x.height >= 3 && x.width >= 3 ? 3 : 1;
      const stride = step.second % 3 === 0 && x.height >= 2 && x.width >= 2 ? 2 : 1;
      const out = 4 * step.size;
      const output = builder.conv(name, x.name, {
        kernel,
        stride,
        out,
        bias: step.second % 2 === 0,
      });
      push(output, out, Math.ceil(x.height / stride), Math.ceil(x.width / stride));
      return;
    }
    case 1:
      push(builder.depthwise(name, x.name, { kernel: 3 }), x.channels, x.height, x.width);
      return;
    case 2:
      push(builder.op("batchnorm", name, [x.name]), x.channels, x.height, x.width);
      return;
    case 3: {
      const kind = (["relu", "relu6", "sigmoid", "hard_swish"] as const)[step.second % 4]!;
      push(builder.op(kind, name, [x.name]), x.channels, x.height, x.width);
      return;
    }
    case 4:
      if (x.height < 2 || x.width < 2) {
        addStep(builder, maps, { ...step, recipe: 3 }, name);
        return;
      }
      push(
        builder.op("max_pool", name, [x.name], { kernel: [2, 2], stride: [2, 2] }),
        x.channels,
        Math.floor(x.height / 2),
        Math.floor(x.width / 2),
      );
      return;
    case 5: {
      const other = sameShape[step.second % sameShape.length]!;
      push(builder.op("add", name, [x.name, other.name]), x.channels, x.height, x.width);
      return;
    }
    case 6: {
      const other = sameSize[step.second % sameSize.length]!;
      push(
        builder.op("concat", name, [x.name, other.name], { axis: 1 }),
        x.channels + other.channels,
        x.height,
        x.width,
      );
      return;
    }
    case 7: {
      if (x.channels < 2) {
        addStep(builder, maps, { ...step, recipe: 2 }, name);
        return;
      }
      const head = 1 + (step.second % (x.channels - 1));
      const [left, right] = builder.multiOp(
        "split",
        name,
        [x.name],
        { axis: 1, splits: [head, x.channels - head] },
        2,
      );
      push(left!, head, x.height, x.width);
      push(right!, x.channels - head, x.height, x.width);
      return;
    }
    case 8: {
      const pooled = builder.op("global_avg_pool", `${name}.pool`, [x.name]);
      push(builder.op("mul", name, [x.name, pooled]), x.channels, x.height, x.width);
      return;
    }
    case 9: {
      const flat = builder.op("flatten", `${name}.flatten`, [x.name], { axis: 1 });
      builder.fullyConnected(name, flat, 2 * step.size);
      return;
    }
    case 10: {
      if (2 * x.height > MAX_SIDE || 2 * x.width > MAX_SIDE) {
        addStep(builder, maps, { ...step, recipe: 1 }, name);
        return;
      }
      const output = builder.op("transposed_conv2d", name, [x.name], {
        kernel: [2, 2],
        stride: [2, 2],
        outChannels: 2 * step.size,
        bias: true,
      });
      push(output, 2 * step.size, 2 * x.height, 2 * x.width);
      return;
    }
    case 11: {
      if (2 * x.height > MAX_SIDE || 2 * x.width > MAX_SIDE) {
        addStep(builder, maps, { ...step, recipe: 2 }, name);
        return;
      }
      push(
        builder.op("resize", name, [x.name], { scale: [2, 2], mode: "nearest" }),
        x.channels,
        2 * x.height,
        2 * x.width,
      );
      return;
    }
    default: {
      const pad = step.size % 2;
      push(
        builder.op("pad", name, [x.name], { padding: [pad, pad, pad, pad] }),
        x.channels,
        x.height + 2 * pad,
        x.width + 2 * pad,
      );
    }
  }
}
