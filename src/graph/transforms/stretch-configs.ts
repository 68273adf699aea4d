import type { OpPlacement } from "../ir.ts";

/**
 * NN-Stretch's released multi-branch configurations (MobiSys 2023), as data.
 *
 * Source: the artifact github.com/caoting-dotcom/multiBranchModel at commit
 * 88ad0b7be554ab1a8ea82a8b2d7b031f312a1738, `configs/<phone>/<id>.yaml`,
 * the files its `src/tools/run_pipeline.py` builds into TFLite models and
 * times. Numbers are the YAML's `ANYNET` fields (DEPTHS, WIDTHS, GROUP_WS,
 * DEVICES), one array entry per stage, one inner entry per device, in the
 * YAML's device order. Stem, block, strides and bottleneck ratio are the
 * same in every file of a base model (see STRETCH_BASES). Stem, merge and
 * head run on the CPU in every bundled file (STEM_/MERGE_/HEAD_DEVICE).
 * `mi` is the artifact's Xiaomi phone with a Hexagon DSP; `pixel` its
 * Pixel 6 (Google Tensor, no Hexagon: only CPU+GPU files exist for it).
 */

export type StretchProcessor = Extract<OpPlacement["processor"], "cpu" | "gpu" | "dsp">;

export type StretchBaseId = "resnet50" | "resnet34" | "regnetx-1.6gf" | "regnetx-4.0gf";

/** What a base model fixes for all its stretched variants (the YAML fields every file of it shares). */
export interface StretchBase {
  /** `res_stem_in`: k7 s2 conv, BN, ReLU, 3x3 s2 max-pool; `simple_stem_in`: k3 s2 conv, BN, ReLU. */
  readonly stem: "res_stem_in" | "simple_stem_in";
  readonly stemWidth: number;
  readonly block: "res_basic_block" | "res_bottleneck_block";
  /** BOT_MULS: a bottleneck's inner width is round(width × ratio); basic blocks ignore it. */
  readonly bottleneckRatio: number;
  /** STRIDES: the first block of every branch of a stage strides by this. */
  readonly strides: readonly number[];
}

export const STRETCH_BASES: Readonly<Record<StretchBaseId, StretchBase>> = {
  resnet50: {
    stem: "res_stem_in",
    stemWidth: 64,
    block: "res_bottleneck_block",
    bottleneckRatio: 0.25,
    strides: [1, 2, 2, 2],
  },
  resnet34: {
    stem: "res_stem_in",
    stemWidth: 64,
    block: "res_basic_block",
    bottleneckRatio: 1,
    strides: [1, 2, 2, 2],
  },
  "regnetx-1.6gf": {
    stem: "simple_stem_in",
    stemWidth: 32,
    block: "res_bottleneck_block",
    bottleneckRatio: 1,
    strides: [2, 2, 2, 2],
  },
  "regnetx-4.0gf": {
    stem: "simple_stem_in",
    stemWidth: 32,
    block: "res_bottleneck_block",
    bottleneckRatio: 1,
    strides: [2, 2, 2, 2],
  },
};

export interface StretchConfig {
  /** `<artifact file id>@<phone>`, e.g. `R-50-CD@mi`. */
  readonly id: string;
  readonly base: StretchBaseId;
  readonly phone: "mi" | "pixel";
  /** DEVICES: one branch per entry, in this order. */
  readonly devices: readonly StretchProcessor[];
  /**
   * Per stage, per device. A stage may list fewer entries than there are
   * devices: the generator zips them, so the trailing devices have no
   * branch in that stage (RX-1.6-CDG's first stage).
   */
  readonly depths: readonly (readonly number[])[];
  readonly widths: readonly (readonly number[])[];
  /** GROUP_WS of bottleneck configs: a branch's 3x3 conv has floor(inner width / group width) groups. */
  readonly groupWidths?: readonly (readonly number[])[];
  /** Repository, path and commit the numbers were read from. */
  readonly source: string;
}

const ARTIFACT =
  "github.com/caoting-dotcom/multiBranchModel@88ad0b7be554ab1a8ea82a8b2d7b031f312a1738";

/** ResNet-34 for CPU+GPU: the artifact publishes the same numbers for the Xiaomi phone and the Pixel 6. */
const R34_CPU_GPU = {
  base: "resnet34",
  devices: ["cpu", "gpu"],
  depths: [
    [3, 2],
    [3, 3],
    [6, 4],
    [3, 2],
  ],
  widths: [
    [40, 56],
    [80, 64],
    [160, 144],
    [352, 224],
  ],
} as const satisfies Partial<StretchConfig>;

export const STRETCH_CONFIGS: readonly StretchConfig[] = [
  {
    id: "R-50-CG@mi",
    base: "resnet50",
    phone: "mi",
    devices: ["cpu", "gpu"],
    depths: [
      [2, 3],
      [3, 4],
      [4, 6],
      [2, 2],
    ],
    widths: [
      [192, 192],
      [352, 288],
      [864, 480],
      [1696, 992],
    ],
    groupWidths: [
      [48, 48],
      [88, 72],
      [216, 120],
      [424, 248],
    ],
    source: `${ARTIFACT} configs/mi/R-50-CG.yaml`,
  },
  {
    id: "R-50-CD@mi",
    base: "resnet50",
    phone: "mi",
    devices: ["cpu", "dsp"],
    depths: [
      [3, 2],
      [3, 4],
      [4, 6],
      [2, 2],
    ],
    widths: [
      [160, 224],
      [384, 256],
      [832, 512],
      [1632, 1184],
    ],
    groupWidths: [
      [40, 56],
      [96, 64],
      [208, 128],
      [408, 296],
    ],
    source: `${ARTIFACT} configs/mi/R-50-CD.yaml`,
  },
  {
    id: "R-50-CDG@mi",
    base: "resnet50",
    phone: "mi",
    devices: ["cpu", "dsp", "gpu"],
    depths: [
      [2, 2, 2],
      [3, 4, 3],
      [4, 5, 3],
      [2, 2, 2],
    ],
    widths: [
      [128, 128, 160],
      [320, 256, 256],
      [576, 448, 448],
      [1344, 1120, 736],
    ],
    groupWidths: [
      [32, 32, 40],
      [80, 64, 64],
      [144, 112, 112],
      [336, 280, 184],
    ],
    source: `${ARTIFACT} configs/mi/R-50-CDG.yaml`,
  },
  {
    id: "R-50-CG@pixel",
    base: "resnet50",
    phone: "pixel",
    devices: ["cpu", "gpu"],
    depths: [
      [2, 3],
      [4, 3],
      [4, 4],
      [2, 1],
    ],
    widths: [
      [192, 160],
      [320, 256],
      [896, 480],
      [1664, 1216],
    ],
    groupWidths: [
      [48, 40],
      [80, 64],
      [224, 120],
      [416, 304],
    ],
    source: `${ARTIFACT} configs/pixel/R-50-CG.yaml`,
  },
  {
    id: "R-34-CG@mi",
    ...R34_CPU_GPU,
    phone: "mi",
    source: `${ARTIFACT} configs/mi/R-34-CG.yaml`,
  },
  {
    id: "R-34-CD@mi",
    base: "resnet34",
    phone: "mi",
    devices: ["cpu", "dsp"],
    depths: [
      [3, 2],
      [3, 3],
      [6, 5],
      [3, 2],
    ],
    widths: [
      [32, 64],
      [80, 64],
      [144, 160],
      [256, 320],
    ],
    source: `${ARTIFACT} configs/mi/R-34-CD.yaml`,
  },
  {
    id: "R-34-CDG@mi",
    base: "resnet34",
    phone: "mi",
    devices: ["cpu", "dsp", "gpu"],
    depths: [
      [2, 2, 2],
      [2, 3, 3],
      [6, 5, 3],
      [3, 2, 2],
    ],
    widths: [
      [32, 32, 32],
      [80, 64, 48],
      [136, 128, 88],
      [240, 224, 120],
    ],
    source: `${ARTIFACT} configs/mi/R-34-CDG.yaml`,
  },
  {
    id: "R-34-CG@pixel",
    ...R34_CPU_GPU,
    phone: "pixel",
    source: `${ARTIFACT} configs/pixel/R-34-CG.yaml`,
  },
  {
    id: "RX-1.6-CG@mi",
    base: "regnetx-1.6gf",
    phone: "mi",
    devices: ["cpu", "gpu"],
    depths: [
      [1, 2],
      [3, 3],
      [6, 10],
      [2, 1],
    ],
    widths: [
      [48, 24],
      [144, 72],
      [360, 192],
      [816, 648],
    ],
    groupWidths: [
      [24, 24],
      [24, 24],
      [24, 24],
      [24, 24],
    ],
    source: `${ARTIFACT} configs/mi/RX-1.6-CG.yaml`,
  },
  {
    id: "RX-1.6-CD@mi",
    base: "regnetx-1.6gf",
    phone: "mi",
    devices: ["cpu", "dsp"],
    depths: [
      [1, 2],
      [2, 4],
      [6, 10],
      [2, 1],
    ],
    widths: [
      [48, 24],
      [168, 96],
      [384, 192],
      [768, 720],
    ],
    groupWidths: [
      [24, 24],
      [24, 24],
      [24, 24],
      [24, 24],
    ],
    source: `${ARTIFACT} configs/mi/RX-1.6-CD.yaml`,
  },
  {
    id: "RX-1.6-CDG@mi",
    base: "regnetx-1.6gf",
    phone: "mi",
    devices: ["cpu", "dsp", "gpu"],
    depths: [
      [1, 2],
      [2, 3, 2],
      [6, 8, 6],
      [2, 1, 1],
    ],
    widths: [
      [48, 24],
      [120, 96, 48],
      [312, 168, 144],
      [696, 672, 504],
    ],
    groupWidths: [
      [24, 24],
      [24, 24, 24],
      [24, 24, 48],
      [24, 24, 24],
    ],
    source: `${ARTIFACT} configs/mi/RX-1.6-CDG.yaml`,
  },
  {
    id: "RX-4-CG@mi",
    base: "regnetx-4.0gf",
    phone: "mi",
    devices: ["cpu", "gpu"],
    depths: [
      [1, 2],
      [4, 3],
      [12, 9],
      [2, 1],
    ],
    widths: [
      [80, 40],
      [240, 160],
      [400, 280],
      [1120, 720],
    ],
    groupWidths: [
      [40, 40],
      [40, 40],
      [40, 40],
      [40, 40],
    ],
    source: `${ARTIFACT} configs/mi/RX-4-CG.yaml`,
  },
  {
    id: "RX-4-CD@mi",
    base: "regnetx-4.0gf",
    phone: "mi",
    devices: ["cpu", "dsp"],
    depths: [
      [1, 2],
      [3, 5],
      [8, 13],
      [2, 2],
    ],
    widths: [
      [80, 40],
      [200, 160],
      [480, 280],
      [1120, 720],
    ],
    groupWidths: [
      [40, 40],
      [40, 40],
      [40, 40],
      [40, 40],
    ],
    source: `${ARTIFACT} configs/mi/RX-4-CD.yaml`,
  },
  {
    id: "RX-4-CDG@mi",
    base: "regnetx-4.0gf",
    phone: "mi",
    devices: ["cpu", "dsp", "gpu"],
    depths: [
      [2, 2, 2],
      [3, 5, 2],
      [8, 13, 5],
      [2, 2, 1],
    ],
    widths: [
      [40, 40, 40],
      [160, 120, 80],
      [400, 240, 240],
      [960, 720, 640],
    ],
    groupWidths: [
      [40, 40, 40],
      [40, 40, 40],
      [40, 40, 40],
      [40, 40, 40],
    ],
    source: `${ARTIFACT} configs/mi/RX-4-CDG.yaml`,
  },
];
