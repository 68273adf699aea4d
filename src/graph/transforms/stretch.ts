import { Registry } from "../../core/registry.ts";
import { ModelBuilder } from "../builder.ts";
import type { OpAttributes, OpPlacement } from "../ir.ts";
import type { DType, OpKind } from "../op-kinds.ts";
import { classifier, convBn, maxPool } from "../zoo/blocks.ts";
import { ZOO } from "../zoo/index.ts";
import { type TransformResult, transformResult } from "./report.ts";
import {
  STRETCH_BASES,
  STRETCH_CONFIGS,
  type StretchBase,
  type StretchConfig,
  type StretchProcessor,
} from "./stretch-configs.ts";

export type { StretchConfig, StretchProcessor } from "./stretch-configs.ts";

/**
 * NN-Stretch's branching transform: a released configuration becomes the
 * multi-branch graph the artifact's TensorFlow generator builds from it
 * (mbm-pycls `pycls/ir/constructor/tensorflow/anynet.py` with the defaults
 * the ResNet and RegNet files leave in force, MB_DOWNSAMPLE on and MB_VER 2):
 *
 *   stem (CPU) → for each stage: every branch reads the stage input and
 *   runs its own `depth` residual blocks at its own width, the first one
 *   striding → the branch outputs are concatenated (the meeting point, CPU)
 *   → head (CPU).
 *
 * Branches of a stage share only the stage input, so each runs on its
 * processor with no edge to another. Every op carries an OpPlacement.
 */
export const STRETCH = new Registry<StretchConfig>("NN-Stretch configuration");
for (const config of STRETCH_CONFIGS) STRETCH.register(config.id, config);

/** The bundled configurations of a zoo model (empty when it has none). */
export function stretchConfigsOf(modelId: string): readonly StretchConfig[] {
  return STRETCH_CONFIGS.filter((config) => config.base === modelId);
}

/** Processor kinds a configuration runs on: the CPU (stem, merges, head) and every device with a branch. */
export function processorsNeeded(config: StretchConfig): readonly StretchProcessor[] {
  const used = new Set<StretchProcessor>(["cpu"]);
  for (const stage of config.depths) {
    for (let branch = 0; branch < stage.length; branch++) used.add(config.devices[branch]!);
  }
  return [...used];
}

/**
 * Builds the stretched model of `config` in `dtype` (the artifact runs
 * full-integer int8 TFLite models) and reports it against the base zoo
 * model in the same dtype. Changed ops are those of the rebuilt stages.
 */
export function stretchModel(config: StretchConfig, dtype: DType = "int8"): TransformResult {
  const base = STRETCH_BASES[config.base];
  checkConfig(config, base);
  const builder = new PlacingBuilder(`${config.base}-stretch-${config.id}`, dtype);
  builder.placement = { part: "stem", processor: "cpu" };
  let x = stem(builder, builder.input("image", [1, 3, 224, 224]), base);
  let channels = base.stemWidth;
  config.depths.forEach((depths, stageIndex) => {
    const stage = stageIndex + 1;
    const outputs = depths.map((depth, branch) => {
      const processor = config.devices[branch]!;
      builder.placement = { part: "branch", processor, stage };
      const width = config.widths[stageIndex]![branch]!;
      const groupWidth = config.groupWidths?.[stageIndex]?.[branch];
      let y = x;
      let inputChannels = channels;
      for (let index = 0; index < depth; index++) {
        const stride = index === 0 ? base.strides[stageIndex]! : 1;
        const name = `s${stage}.${processor}.b${index + 1}`;
        y = residualBlock(builder, name, y, { inputChannels, width, stride, groupWidth }, base);
        inputChannels = width;
      }
      return y;
    });
    builder.placement = { part: "merge", processor: "cpu", stage };
    x =
      outputs.length === 1
        ? outputs[0]!
        : builder.op("concat", `s${stage}.concat`, outputs, { axis: 1 });
    channels = config.widths[stageIndex]!.reduce((sum, width) => sum + width, 0);
  });
  builder.placement = { part: "head", processor: "cpu" };
  classifier(builder, x);
  const stretched = builder.buildPlaced();
  const rebuilt = stretched.ops.filter((op) => op.placement?.stage !== undefined).length;
  return transformResult(
    `nn-stretch ${config.id}`,
    ZOO.get(config.base).build(dtype),
    stretched,
    rebuilt,
  );
}

/** A ModelBuilder that stamps every op with the placement in force when it was added. */
class PlacingBuilder extends ModelBuilder {
  placement: OpPlacement = { part: "stem", processor: "cpu" };
  private readonly placements = new Map<string, OpPlacement>();

  override op(kind: OpKind, name: string, inputs: readonly string[], attrs: OpAttributes = {}) {
    this.placements.set(name, this.placement);
    return super.op(kind, name, inputs, attrs);
  }

  buildPlaced() {
    const graph = this.build();
    return {
      ...graph,
      ops: graph.ops.map((op) => ({ ...op, placement: this.placements.get(op.name)! })),
    };
  }
}

function stem(builder: ModelBuilder, image: string, base: StretchBase): string {
  if (base.stem === "simple_stem_in")
    return convBn(builder, "stem", image, { kernel: 3, stride: 2, out: base.stemWidth }, "relu");
  const conv = convBn(
    builder,
    "stem",
    image,
    { kernel: 7, stride: 2, out: base.stemWidth },
    "relu",
  );
  return maxPool(builder, "stem.pool", conv, 3, 2, 1);
}

interface BlockShape {
  readonly inputChannels: number;
  readonly width: number;
  readonly stride: number;
  readonly groupWidth: number | undefined;
}

/** pycls's residual blocks: the stride sits in the (first) 3x3 conv; a 1x1 projection when the shape changes. */
function residualBlock(
  builder: ModelBuilder,
  name: string,
  input: string,
  { inputChannels, width, stride, groupWidth }: BlockShape,
  base: StretchBase,
): string {
  let transformed: string;
  if (base.block === "res_basic_block") {
    const first = convBn(builder, `${name}.a`, input, { kernel: 3, stride, out: width }, "relu");
    transformed = convBn(builder, `${name}.b`, first, { kernel: 3, out: width });
  } else {
    const inner = Math.round(width * base.bottleneckRatio);
    const groups = groupWidth === undefined ? 1 : Math.floor(inner / groupWidth);
    const a = convBn(builder, `${name}.a`, input, { kernel: 1, out: inner }, "relu");
    const b = convBn(builder, `${name}.b`, a, { kernel: 3, stride, groups, out: inner }, "relu");
    transformed = convBn(builder, `${name}.c`, b, { kernel: 1, out: width });
  }
  const shortcut =
    stride !== 1 || inputChannels !== width
      ? convBn(builder, `${name}.proj`, input, { kernel: 1, stride, out: width })
      : input;
  const sum = builder.op("add", `${name}.add`, [transformed, shortcut]);
  return builder.op("relu", `${name}.relu`, [sum]);
}

/** Refuses a configuration the generator could not build, naming it and the field. */
function checkConfig(config: StretchConfig, base: StretchBase): void {
  const fail = (what: string) => {
    throw new Error(`NN-Stretch configuration ${config.id}: ${what}`);
  };
  if (config.depths.length !== base.strides.length || config.widths.length !== base.strides.length)
    fail(`depths and widths need one entry per stage (${base.strides.length})`);
  config.depths.forEach((depths, stage) => {
    const widths = config.widths[stage]!;
    if (depths.length === 0 || depths.length > config.devices.length)
      fail(`stage ${stage + 1} needs 1 to ${config.devices.length} branches`);
    if (widths.length !== depths.length)
      fail(`stage ${stage + 1} lists ${depths.length} depths but ${widths.length} widths`);
    for (const value of [...depths, ...widths, ...(config.groupWidths?.[stage] ?? [])]) {
      if (!Number.isInteger(value) || value < 1)
        fail(`stage ${stage + 1}: depths and widths must be positive integers, got ${value}`);
    }
  });
}
