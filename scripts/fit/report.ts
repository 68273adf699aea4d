import { median } from "../../src/core/index.ts";
import type { FitMethod, FitOutcome, FitSetup } from "./fit.ts";
import { noiseFloor } from "./noise-floor.ts";
import type { Parameter } from "./parameters.ts";
import { lossParagraph } from "./report-loss.ts";
import { type CalibrationRow, EXCLUDED_ROWS, sourceOf } from "./rows.ts";
import type { readSecondSet } from "./rows-set-2.ts";
import { groupBy, relativeError, shareWithin, worst } from "./statistics.ts";
import type { TileChoice } from "./tiles.ts";

/** docs/calibration.md: every row with measured, predicted and error, the summaries, and the honest estimate. */

export interface ReportInput {
  readonly setup: FitSetup;
  /** How rows counted in the fit (the loss and its scale). */
  readonly method: FitMethod;
  readonly outcome: FitOutcome;
  /** Predicted ms of each row by a fit that never saw its model family. */
  readonly leaveOneOut: Float64Array;
  /** Predicted ms of each row by a fit that never saw its source family. */
  readonly leaveOneSourceOut: Float64Array;
  readonly tiles: readonly TileChoice[];
  readonly secondSet: ReturnType<typeof readSecondSet>;
  /** The QCS8250 rows with the fitted model's prediction for the phone. */
  readonly upperBounds: readonly { readonly row: CalibrationRow; readonly predictedMs: number }[];
  readonly firstSetRows: number;
  /** Wall-clock seconds of the one fit `--check` runs. */
  readonly fitSeconds: number;
  /** Seconds of the whole `npm run fit` that wrote the report, every fold included. */
  readonly totalSeconds: number;
}

const percent = (value: number) => `${value >= 0 ? "+" : ""}${(value * 100).toFixed(1)} %`;
const plain = (value: number) => `${(value * 100).toFixed(1)} %`;
const ms = (value: number) =>
  value >= 100 ? value.toFixed(1) : value >= 10 ? value.toFixed(2) : value.toFixed(3);

interface Scored {
  readonly label: {
    soc: string;
    kind: string;
    framework: string;
    family: string;
    dtype: string;
    source: string;
  };
  readonly fitted: number;
  /** Error of the fit that left the row's model family out. */
  readonly unseen: number;
  /** Error of the fit that left the row's source family out. */
  readonly unseenSource: number;
}

const absolute = (values: readonly number[]) => values.map(Math.abs);

function farFromPrior(parameters: readonly Parameter[], values: ArrayLike<number>): string {
  const far = parameters.filter(
    (parameter, index) => priorSpreadsMoved(parameter, values[index]!) > 2,
  );
  return far.length === 0 ? "none" : far.map((parameter) => parameter.name).join(", ");
}

/** How far a fitted value sits from its prior, in prior spreads (log space). */
function priorSpreadsMoved(parameter: Parameter, value: number): number {
  return Math.abs(Math.log(value / parameter.initial)) / parameter.spread;
}

/** Median, share within ±15 % and worst of signed errors, as one table cell group. */
function threeFigures(errors: readonly number[]): string {
  const magnitudes = absolute(errors);
  return `${plain(median(magnitudes))} | ${plain(shareWithin(magnitudes, 0.15))} | ${plain(worst(magnitudes))}`;
}

function summaryTable(
  title: string,
  scored: readonly Scored[],
  key: (item: Scored) => string,
): string[] {
  const lines = [
    `### ${title}`,
    "",
    "| group | rows | in-sample median | within ±15 % | worst | leave-one-family-out median | within ±15 % | worst | leave-one-source-out median | within ±15 % | worst |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [name, items] of groupBy(scored, key)) {
    lines.push(
      `| ${name} | ${items.length} | ${threeFigures(items.map((item) => item.fitted))} | ${threeFigures(items.map((item) => item.unseen))} | ${threeFigures(items.map((item) => item.unseenSource))} |`,
    );
  }
  return [...lines, ""];
}

export function calibrationReport(input: ReportInput): string {
  const { setup, outcome, leaveOneOut, leaveOneSourceOut, tiles, secondSet } = input;
  const scored: Scored[] = setup.rows.map((prepared, index) => ({
    label: {
      soc: prepared.row.soc,
      kind: prepared.placement.target.kind,
      framework: prepared.row.framework,
      family: prepared.row.family,
      dtype: prepared.row.dtype,
      source: sourceOf(prepared.row),
    },
    fitted: relativeError(outcome.predictedMs[index]!, prepared.row.measuredMs),
    unseen: relativeError(leaveOneOut[index]!, prepared.row.measuredMs),
    unseenSource: relativeError(leaveOneSourceOut[index]!, prepared.row.measuredMs),
  }));
  // The second set's measurements include its fitted rows: the first set's rows join them once.
  const firstSet = setup.rows
    .map((prepared) => prepared.row)
    .filter((row) => row.source === undefined);
  const floor = noiseFloor([...firstSet, ...secondSet.measurements]);
  const unseenErrors = absolute(scored.map((item) => item.unseen));
  const target = Math.max(0.1, floor.median + 0.03);
  const bigGroups = [
    ...([
      ["SoC", (item: Scored) => item.label.soc],
      ["processor kind", (item: Scored) => item.label.kind],
      ["framework", (item: Scored) => item.label.framework],
      ["dtype", (item: Scored) => item.label.dtype],
    ] as const),
  ].flatMap(([axis, key]) =>
    [...groupBy(scored, key)]
      .filter(([, items]) => items.length >= 5)
      .filter(([, items]) => median(absolute(items.map((item) => item.unseen))) > 0.25)
      .map(([name]) => `${axis} ${name}`),
  );
  const secondUsed = secondSet.rows.length;
  const secondTotal = secondUsed + secondSet.setAside.length;
  const setAsideCounts = [...groupBy(secondSet.setAside, (row) => row.why)];
  const waiting = secondSet.setAside.filter((row) => row.usability === "usable").length;
  const unmodelled = secondSet.setAside.filter((row) => row.usability === "unmodelled").length;
  const moved = outcome.dependents.filter((rows) => rows.length > 0).length;
  const lines: string[] = [
    "# Calibration of the device model",
    "",
    "Generated by `npm run fit` (scripts/fit/); do not edit by hand. The fit writes its",
    "coefficients into `socs/*.yaml` with `derived: fitted to …` comments, and",
    "`npm run fit -- --check` fails when the files differ from what it produces;",
    "`npm run fit -- --dry-run` prints the in-sample and leave-one-model-out medians",
    "without writing anything, for trying a structural change; `npm run fit -- --in-sample`",
    "fits once and prints the in-sample median per model family and the rows beyond 25 %;",
    "`npm run fit -- --residuals` fits once and prints the fitted values and the signed",
    "residuals grouped by SoC, framework, processor, threads and dtype and by what dominates",
    "each row's predicted time (op kind, 1×1 or k×k convolution, dispatch, memory), then every row.",
    "",
    "## What is fitted, to what",
    "",
    "The only measurements used are rows of the two calibration sets",
    "(`shared/research/calibration-set.md` and `calibration-set-2/rows.csv`), never a",
    "measurement of one of the zoo's workload models; a larger held-out set judges the",
    "model afterwards. Each row is priced by the simulator's own cost model: the graph is",
    "placed on the processor as the row's framework would place it (support tables,",
    "delegate partitioning, fusion), every op costs max(compute, memory) + dispatch,",
    "boundaries pay their transfers, and the row's operating conditions apply",
    "(thread count, the Snapdragon 855+'s 2.96 GHz prime core and 675 MHz GPU, OpenCL",
    "buffer vs image). Operator micro-benchmarks (calib §1a) time the kernel alone: their",
    "prediction leaves out the model's input upload and output read-back.",
    "",
    "Parameters are shared by structure, never by row: one efficiency per core or GPU",
    "family (every SoC with those cores uses it), and per framework a few kernel",
    "coefficients (per-op-kind efficiency, Winograd speedup, dispatch cost, serial",
    "share, int8 efficiency) shared by every SoC.",
    "",
    ...lossParagraph(input.method, outcome),
    "",
    `- rows fitted: **${setup.rows.length}**`,
    `- parameters: **${setup.parameters.length}**, of which ${moved} are moved by at least one row (the rest sit at their prior)`,
    `- rows per parameter: ${(setup.rows.length / Math.max(1, moved)).toFixed(1)}`,
    "",
    "Tile sizes (work quantisation) come from the step-function panels, by shape only:",
    "",
    ...tiles.map(
      (tile) =>
        `- MACE ${tile.backend} tile ${tile.field} = **${tile.value}** (${tile.description}; relative misfit ${plain(tile.misfit)})`,
    ),
    "",
    "## Errors three ways",
    "",
    "In-sample: the fit's own rows. Leave-one-family-out: for each architecture family",
    "(every width, dtype and spelling together) the fit is run again without it and its",
    "rows are predicted. Leave-one-source-out: the same with each source family (one",
    "benchmark page or repository) left out in turn. The last two are the errors to",
    "expect on models and sources the fit never saw.",
    "",
    "| estimate | median abs. error | within ±15 % | worst |",
    "|---|---|---|---|",
    `| in-sample | ${threeFigures(scored.map((item) => item.fitted))} |`,
    `| leave-one-family-out | ${threeFigures(scored.map((item) => item.unseen))} |`,
    `| leave-one-source-out | ${threeFigures(scored.map((item) => item.unseenSource))} |`,
    "",
    `Noise floor: measurements of one configuration (model, SoC and clocks, framework,`,
    `target, dtype, threads) taken more than once (other sources, other framework builds,`,
    `or other trained weights of one architecture, such as PaddleClas's SSLD models) sit a`,
    `median **${plain(floor.median)}** from their group's geometric mean (${floor.groups} groups,`,
    `${floor.measurements} measurements, mostly ncnn README versions and PaddleClas).`,
    "",
    "Against the targets of issue 18:",
    "",
    `- leave-one-family-out median ${plain(median(unseenErrors))} against ≤ ${plain(target)} (max(10 %, floor + 3 points)): **${median(unseenErrors) <= target ? "met" : "not met"}**`,
    `- within ±15 %: ${plain(shareWithin(unseenErrors, 0.15))} against ≥ 75 %: **${shareWithin(unseenErrors, 0.15) >= 0.75 ? "met" : "not met"}**`,
    `- groups of five or more rows above 25 % leave-one-family-out median: ${bigGroups.length === 0 ? "none" : bigGroups.join(", ")}`,
    `- rows used: ${input.firstSetRows} of the first set (the 104 fitted before, less its 10 workload-model rows) and ${secondUsed} of the second set's ${secondTotal}. Of the second set's rows socsim can describe (its frameworks' ARMv8 builds on its SoCs) and that are fit to fit (not a workload model, copy error, version-spread or upper-bound row, sparse weights or a multi-model pipeline), ${secondUsed} of ${secondUsed + waiting} are in (${plain(secondUsed / (secondUsed + waiting))}; the rest wait for a zoo model or a framework profile): **${secondUsed / (secondUsed + waiting) >= 0.7 ? "at least" : "below"} 70 %**. Counting also the ${unmodelled} rows of frameworks, builds and SoCs socsim does not describe (Bolt, TNN, NNAPI, ARMv7 builds, the Kirin 990 5G) as usable, the share is ${plain(secondUsed / (secondUsed + waiting + unmodelled))}.`,
    "",
    `Running time: the one fit \`npm run fit -- --check\` runs took ${input.fitSeconds.toFixed(0)} s on the 2-core machine this report was generated on (shared with other work); \`npm run fit\` adds one fit per family and per source: ${(input.totalSeconds / 60).toFixed(0)} minutes in all for this report.`,
    "",
    "## Errors by group",
    "",
    ...summaryTable("Per SoC", scored, (item) => item.label.soc),
    ...summaryTable("Per processor kind", scored, (item) => item.label.kind),
    ...summaryTable("Per framework", scored, (item) => item.label.framework),
    ...summaryTable("Per dtype", scored, (item) => item.label.dtype),
    ...summaryTable("Per source family", scored, (item) => item.label.source),
    ...summaryTable(
      "Per model family (the leave-one-family-out folds)",
      scored,
      (item) => item.label.family,
    ),
    "## Every row",
    "",
    "Error = predicted / measured − 1. `unseen` is the prediction of the fit that left the row's model family out. `calib`: the first set's section or the second set's row id.",
    "",
    "| calib | SoC | framework | processor | threads | model | dtype | measured ms | predicted ms | error | unseen ms | unseen error |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  setup.rows.forEach((prepared, index) => {
    const { row } = prepared;
    const processor = row.gpuMemory ? `${row.processor} (${row.gpuMemory})` : row.processor;
    const soc = row.frequencies ? `${row.soc}+` : row.soc;
    lines.push(
      `| ${row.section} | ${soc} | ${row.framework} | ${processor} | ${row.threads ?? ""} | ${row.model} | ${row.dtype} | ${ms(row.measuredMs)} | ${ms(outcome.predictedMs[index]!)} | ${percent(scored[index]!.fitted)} | ${ms(leaveOneOut[index]!)} | ${percent(scored[index]!.unseen)} |`,
    );
  });
  lines.push(
    "",
    "`+` after a SoC: the Snapdragon 855+ (prime core at 2.96 GHz, Adreno 640 at 675 MHz).",
    "",
    "## Fitted parameters",
    "",
    "Moved: |ln(value / prior)| in prior spreads. A parameter more than two spreads from its",
    "prior is set by the rows against its prior; one near zero that many rows move is one the",
    "rows agree with the prior on, or one its prior holds (it is then named in the round notes).",
    "",
    `Parameters more than two prior spreads from their prior: ${farFromPrior(setup.parameters, outcome.values)}.`,
    "",
    "| parameter | value | prior | moved (prior spreads) | rows that move it |",
    "|---|---|---|---|---|",
    ...setup.parameters.map((parameter, index) => {
      const value = outcome.values[index]!;
      const show = (v: number) =>
        parameter.unit === "us"
          ? `${(v * 1e6).toPrecision(3)} µs`
          : parameter.unit === "GB/s"
            ? `${(v / 1e9).toPrecision(3)} GB/s`
            : v.toPrecision(3);
      return `| ${parameter.name} | ${show(value)} | ${show(parameter.initial)} (×/÷ e^${parameter.spread}) | ${priorSpreadsMoved(parameter, value).toFixed(2)} | ${outcome.dependents[index]!.length} |`;
    }),
    "",
    "## QCS8250 upper bounds, scored one-sided",
    "",
    "The QCS8250 (IoT twin of the Snapdragon 865) runs markedly slower than a phone, so its",
    "Hexagon 698 rows bound the Snapdragon 865's DSP latency from above. They are not fitted",
    "and not in the medians; the score is how far a prediction exceeds its bound (0 when it",
    "is below).",
    "",
    "| row | model | dtype | bound ms | predicted ms (Snapdragon 865, TFLite, DSP) | excess |",
    "|---|---|---|---|---|---|",
    ...input.upperBounds.map(
      ({ row, predictedMs }) =>
        `| ${row.section} | ${row.model} | ${row.dtype} | ${ms(row.measuredMs)} | ${ms(predictedMs)} | ${plain(Math.max(0, predictedMs / row.measuredMs - 1))} |`,
    ),
    "",
    "## Rows not fitted",
    "",
    "From the first set:",
    "",
    ...EXCLUDED_ROWS.map((excluded) => `- ${excluded.rows}: ${excluded.why}.`),
    "",
    `From the second set, ${secondSet.setAside.length} of ${secondTotal} rows, by reason (row ids):`,
    "",
    ...setAsideCounts.map(
      ([why, rows]) => `- ${why} (${rows.length}): ${rows.map((row) => row.id).join(", ")}`,
    ),
    "",
    ...REVISION_NOTES,
  );
  return lines.join("\n");
}

/**
 * What the last structural revision changed and where the error still is:
 * prose, kept here so the generated report carries it.
 */
const REVISION_NOTES: readonly string[] = [
  "## Sixth round, issue 18 (2026-12-04): a robust loss",
  "",
  "The structure stayed; what changed is how rows count. Least squares on the log ratios let",
  "the handful of rows 60–140 % off (BlazeFace on the Adrenos, AlexNet on the Mali-G72, the",
  "Kirin 990's PLT-169 and PLT-193, PP-TinyPose and the pedestrian PicoDet in fp16) pull shared",
  "coefficients away from the bulk, while the targets are a median and a share within ±15 %.",
  "The fit now minimises a Huber loss by iteratively reweighted least squares (above, *What is",
  "fitted*). The loss and its scale were fixed before any held-out error was seen: Huber with",
  "the textbook 1.345 and σ = 1.4826 × the MAD of the least-squares residuals (0.154 on all rows,",
  "so rows beyond about ±23 % count linearly).",
  "",
  "Kept: in-sample 10.5 → 9.6 % median, 64.7 → 67.0 % within ±15 %; leave-one-family-out",
  "12.5 → 11.7 %, 58.4 → 60.7 %; leave-one-source-out 18.3 % before (this round's figure is in",
  "the table above). The price is the tail, as a bounded influence means: the worst in-sample",
  "row goes 137.7 → 148.2 % (BlazeFace on the Snapdragon 888's GPU) and the worst left-out one",
  "157.1 → 158.1 %; 68 rows miss by more than 25 % in sample against 61 before, 12 by more than",
  "50 % against 10. Rows the loss gave up on are mostly GPU and NPU rows: the Kirin 990's",
  "Paddle-Lite OpenCL MobileNetV3-Small +48 → +63 %, the Kirin 970's ncnn Vulkan SqueezeNet-SSD",
  "−40 → −51 % and SqueezeNet 1.1 −23 → −33 %, its MnasNet −6 → −19 %, the Kirin 990's NPU",
  "SqueezeNet 1.1 −36 → −45 %. The coefficients that move most: the GPU weight streaming",
  "0.161 → 0.235 (AlexNet's fully-connected layers on the Mali-G72, −67 → −75 % in sample, no",
  "longer drag it down for every GPU), the Da Vinci NPU crossing sync 507 → 330 µs, the Mali",
  "Bifrost concurrency 1.89k → 1.35k and launch 93 → 111 µs; no CPU coefficient moves by more",
  "than 8 %.",
  "",
  "Sensitivity (dry runs, leave-one-family-out; every other figure as above):",
  "",
  "- Huber with σ fixed at the noise floor (0.07, rows beyond about ±10 % linear): in-sample",
  "  9.6 %, 66.8 %, worst 147.3 %; left out 12.2 %, 59.4 %, worst 150.6 %.",
  "- Cauchy (Lorentzian, 2.385 σ) with the same MAD scale: in-sample 9.9 %, 67.0 %, worst",
  "  151.3 %; left out 11.9 %, 59.7 %, worst 156.3 %.",
  "",
  "Tried and not kept:",
  "",
  "- **Duplicates sharing one vote** (each row of a configuration measured N times counting",
  "  1/N, configurations as the noise floor groups them): among the fitted rows only 18",
  "  configurations have more than one row (40 rows; most of the noise floor's groups are",
  "  version-spread rows set aside). Alone: in-sample 10.7 %, left out 12.2 % but 58.1 % within",
  "  ±15 %; with the Huber loss, left out 11.8 % and 59.4 % against 11.7 % and 60.7 % without.",
  "- **Wider priors.** No fitted parameter sits more than two prior spreads from its prior",
  "  under either loss (the table above gives each one's distance), so no prior is overruled by",
  "  the rows. The check the other way, every spread tripled (with the Huber loss): in-sample",
  "  9.0 %, left out 12.0 %, 56.5 % within ±15 %, worst 169.1 % (accelerator rows 15.2 → 21.3 %",
  "  left out): looser priors fit the rows better and carry worse to unseen families. The CPU's level is",
  "  a product the rows fix and the priors split: with the spreads tripled the core efficiencies",
  "  fall (least squares: Cortex-A76/A77 0.67 → 0.44, A78/X1 0.43 → 0.29) while every CPU",
  "  framework's convolution multiplier rises (Paddle-Lite 1.26 → 2.01, TFLite 1.05 → 1.65, ncnn",
  "  1.00 → 1.18), MACE's six micro-benchmark rows being all that fixes the reference. That is",
  "  why ncnn's CPU convolution multiplier and dispatch sit at their priors with 121 rows.",
  "",
  "## Fifth round, issue 18 (2026-12-04): what the residuals show, and the structure they did and did not support",
  "",
  "`npm run fit -- --residuals` (scripts/fit/residuals.ts) prints each row's signed in-sample",
  "error grouped by SoC × framework × processor × threads × dtype, by the op class that takes",
  "most of a row's predicted time (1×1, k×k and grouped convolutions told apart), by the",
  "dispatch and memory-bound shares of that time and by framework × model family, then every",
  "row. On the fourth round's fit (in-sample median 10.5 %) it showed:",
  "",
  "- ncnn on the Snapdragon 855 runs faster than predicted on nearly every row (+9.9 % median",
  "  error, 37 of 48 rows over-predicted), while Paddle-Lite on the same cores is centred",
  "  (−2.1 %) and ncnn on the Snapdragon 865 (PaddleDetection's rows: another build and phone)",
  "  runs slower (−21.8 %, 6 of 9 under-predicted). One A76/A77 efficiency serves all three.",
  "- Rows mostly spent in 1×1 convolutions are over-predicted (ncnn CPU +10.2 %, 21 of 29;",
  "  Paddle-Lite CPU +10.1 %, 20 of 24), ncnn CPU rows mostly in 3×3 convolutions",
  "  under-predicted (−10.5 %).",
  "- Across PP-LCNet's widths on one A76 (Paddle-Lite) the error climbs with width: 0.25× −6.5 %,",
  "  1× +0.5 %, 2.5× +9.6 % at one thread, and the wide ones +11 to +16 % at two and four",
  "  threads: wide layers reach more of the peak than narrow ones and scale better than the",
  "  shared serial share lets them.",
  "- NanoDet is 20–31 % under-predicted on every SoC under ncnn; YOLOX-Nano and YOLOv5n 38–43 %",
  "  on the Snapdragon 865.",
  "- On the Kirin 970's Mali-G72 (ncnn Vulkan) launch-bound models are under-predicted",
  "  (ShuffleNetV2 −41 %, ShuffleNetV1 −33 %) and 1×1-bound ones over-predicted (MobileNet-SSD",
  "  +35 %); on the Adreno 640 BlazeFace is +99 % (85 % of its predicted time is launches).",
  "- MNN's CPU rows part by dtype: on the Kirin 970's A73 its fp32 rows were over-predicted",
  "  (+19 %) and its int8 rows under-predicted (−24 %) with one convolution multiplier for",
  "  both; the Kirin 990's A76 (fp16 by default) −31 %, the Kirin 960's A73 at four threads +31 %.",
  "",
  "Nothing of it is kept in the model: each structure below left the leave-one-family-out",
  "median above the fourth round's 12.5 % (58.4 % within ±15 %), so the coefficients and",
  "tables above are the fourth round's.",
  "",
  "Tried and not kept (in-sample figures are single fits; left-out figures are full",
  "`npm run fit` runs):",
  "",
  "- **MNN's CPU kernels per compute dtype and core family**, as ncnn's and Paddle-Lite's",
  "  are: int8 on the Cortex-A73 (ARMv8.0 has no dot-product instructions, so an int8 GEMM",
  "  widens to 16-bit multiply-accumulates and gains little over NEON fp32) and fp16 on the",
  "  Cortex-A76/A77 (MNN's low-precision mode computes in ARMv8.2 fp16). Fitted 0.646 (6 rows)",
  "  and 0.580 (2 rows). In-sample 10.3 %, leave-one-family-out 12.7 % (57.1 % within ±15 %),",
  "  leave-one-source-out 18.6 %. The MNN rows gain left out (25.4 → 19.7 %, so no group of five",
  "  or more rows stays above 25 %) and so do the Kirin 960's (18.5 → 11.7 %), but the Kirin",
  "  970's lose (15.0 → 18.5 %) and the int8 rows too (19.5 → 23.6 %): with the A73's MNN int8",
  "  term the shared MNN convolution multiplier moves from 0.875 to 1.06.",
  "- **A 1×1 convolution path for ncnn's CPU** (a back-end's `pointwise: {speedup}` dividing",
  "  the work of 1×1 stride-1 ungrouped convolutions: ncnn's ARM 1×1 kernels run sgemm",
  "  straight on the input, its other kernel sizes build an im2col buffer first). Fitted 1.13",
  "  on 116 rows (in-sample 10.5 → 10.4 % alone); with the MNN terms, in-sample 10.4 %,",
  "  leave-one-family-out 12.6 % (57.1 % within ±15 %), leave-one-source-out 17.9 %: 0.1 point",
  "  better left out than the MNN terms alone, still above 12.5 %.",
  "- The same for Paddle-Lite's CPU (its GEMM-like convolution skips im2col for 1×1) and ncnn's",
  "  Vulkan back-end: fitted 1.00–1.03 and 0.997, the rows leave them at the prior.",
  "- **A cost per output element** of convolutions and fully-connected layers (MAC-equivalents",
  "  for accumulators, bias, activation and store; what would make narrow layers run below",
  "  peak), per framework on ncnn's and Paddle-Lite's CPUs: it stays at whatever prior it is",
  "  given (4 → 4.45 and 4.20; 1 → 1.04 and 1.02). With the prior at 4 the in-sample median is",
  "  9.9 %, at 1 10.3 % (both with the 1×1 terms): the rows do not pin it, and a value set by its prior is not a fit.",
  "- **ncnn's fp16 efficiency split by core family** (A76/A77 apart from A78/X1/X2): 1.17 and",
  "  0.88, in-sample 10.5 % (unchanged), and the fit moved to another minimum where the",
  "  Snapdragon 888's Vulkan rows go from −2 % to −24 % in sample.",
  "",
  "Why the targets are still not met: the errors left are not systematic along any shared",
  "structure the rows can identify. The largest groups miss in opposite directions on one",
  "core family (ncnn on the Snapdragon 855 against the 865, from different builds and phones),",
  "or along a model's width within one family (PP-LCNet), which none of the shared terms",
  "tried here captured (the per-output cost was the one aimed at it). The noise floor (7.1 %) and the ncnn README's version spread bound what a shared",
  "structure can remove; the within-±15 % share is held down by the ncnn and GPU rows, whose",
  "in-sample errors are themselves 13–14 %.",
  "",
  "## Fourth round, issue 18 (2026-12-04): structure from the accelerator and int8 rows",
  "",
  "Figures in this section are dry runs on the third round's 332 rows (leave-one-family-out",
  "median 11.4 %, 60.2 % within ±15 % before); the tables above are the refit with every row.",
  "On all 382 rows (with the detectors below), the structure before this round gives 12.5 %",
  "left out (57.9 % within ±15 %) and this round's 12.5 % (58.4 %): the NPU (51.8 → 24.3 %),",
  "Kirin 990 (29.6 → 24.0 %) and MNN (27.7 → 25.4 %) groups gain, the GPU rows lose (15.6 →",
  "17.7 %). There the Paddle-Lite OpenCL fusion alone costs 0.3 points (12.2 % without it),",
  "although on the 332 rows it gained 0.5: kept, because it is what the build does, and the",
  "fit's minima move the median by that much between neighbouring structures.",
  "",
  "Kept (all together 11.4 → 11.0 % left out, 60.2 → 61.7 % within ±15 %, while",
  "leave-one-source-out went 16.9 → 18.0 %; op lists and fusions are the frameworks'",
  "documented behaviour and stay whatever a dry run says; the ablations run are given below):",
  "",
  "- **Paddle-Lite's OpenCL back-end fuses activations into its convolutions.** With OpenCL",
  "  places, the release/v2.11 build the PLT rows ran (4a3bdbe) folds relu6, leaky_relu,",
  "  hard_swish, hard_sigmoid, prelu, sigmoid, tanh, swish and abs into conv2d, depthwise_conv2d",
  "  and conv2d_transpose (`lite/core/optimizer/mir/fusion/conv_activation_fuse_pass.cc`); its",
  "  ARM pass folds hard_swish into non-depthwise convolutions too, but the PaddleClas rows'",
  "  older builds (v2.10 and before) do not, so the CPU profile keeps it apart. MobileNetV3-Small drops",
  "  from 108 to 80 kernels. The Kirin 990's Mali-G76 rows go from +61/+62 % to +50/+45 % in",
  "  sample and from +124/+145 % to +86/+91 % left out; the four Adreno rows, whose Paddle-Lite",
  "  GPU multiplier only MobileNetV3 rows inform, get worse left out (+0…−19 % → −20…−36 %).",
  "  Without the fusion the median is 11.7 %.",
  "- **The Kirin NPU runs hard_swish.** Paddle-Lite's Kirin NPU page does not star MobileNetV3",
  "  as a CPU + NPU run although its operator list has no hard_swish, so the demo model spells",
  "  it with listed ops; later drivers map it to HiAI's HardSwish. Without it 19 ops fell back",
  "  with their transfers. The NPU MobileNetV3 rows",
  "  go from +235/+208 % to about −25 % left out.",
  "- **The Da Vinci NPU's crossing sync is fitted** (an offline HiAI model runs as one call into",
  "  Huawei's service; every inference pays its upload and read-back crossings): about 0.5 ms",
  "  against 200 µs assumed, from 7 rows of 5 families. The two 2020 rows (HiAI DDK 310) stay",
  "  about −40 %: the same phone runs MnasNet on the NPU in 5.17 ms with DDK 310 and 2.99 ms with",
  "  DDK 330 a year later, a version spread no coefficient should absorb.",
  "- **A back-end's int8 kernels are listed (`int8_ops`)**; in an int8 model the other kinds run",
  "  its float path (dequantised input, float kernel, requantised output) and move float bytes.",
  "  ncnn gives only Convolution, ConvolutionDepthWise and InnerProduct int8 storage",
  "  (`load_param`, Tencent/ncnn `src/layer/`), so pooling, concat, SSD heads and activations",
  "  of its int8 models run in fp16 on ARMv8.2 cores and in fp32 on the A73 (the median",
  "  11.8 → 11.3 % with it).",
  "- **MNN's CPU convolution multiplier is fitted**, now that the second set's MNN rows (the",
  "  Kirin 970 at one thread) inform it.",
  "- **The Hexagon delegate takes hard_sigmoid**: TFLite has no HARD_SIGMOID builtin, so a",
  "  converted model computes it with ADD, RELU6 and MUL, all on the delegate's list.",
  "  MobileNetV3-Large on the Snapdragon 865's DSP goes from 8.95 to 6.99 ms; its excess over",
  "  the QCS8250 bounds (6.82 and 7.14 ms) from 31/25 % to 2.5/0 % (later rounds put it",
  "  back near 9 ms: its ops take 2.7 ms, the rest is the crossings around the six 5×5",
  "  depthwise convolutions the delegate leaves to the CPU; see *QCS8250 upper bounds* above).",
  "",
  "Why the Mali-G76 rows are still about +45 % in sample: nearly every kernel of MobileNetV3 on a",
  "GPU is shorter than its launch, and the measured times say Paddle-Lite's per-kernel cost on",
  "the G76 is about the Adreno 640's (MobileNetV3-Small 6.59 ms on the G76, 6.79 ms on the",
  "Adreno 640 and 8.10 ms on the Adreno 650, with the same 80 kernels). The Mali Bifrost launch",
  "(about 90 µs) is fitted to ncnn's and MNN's Vulkan rows on the G72 and G71, whose hosts are",
  "Cortex-A73s; the G76 rows are OpenCL on an A76 host. The API, the host CPU (AnandTech measured",
  "the Kirin 980's A76 at about twice the Kirin 970's A73 in SPEC2006) and the GPU generation",
  "each could explain it, and the rows cannot tell them apart: no OpenCL rows on a G71/G72, no",
  "Vulkan rows on a G76. Scaling the launch by host speed was considered and not added: the",
  "Adreno rows point the other way (the X1-hosted Snapdragon 888's GPU rows already run slower",
  "than the A76-hosted 855's, relative to the model). A G76 factor fitted to two rows of one",
  "family would not move the left-out error. The gap stays, on purpose.",
  "",
  "Tried and dropped: a depthwise-convolution multiplier per framework (ncnn, Paddle-Lite and",
  "TFLite CPU, ncnn Vulkan; each stayed within 5 % of its prior, as depthwise ops are priced",
  "memory-bound, and the median went 11.3 → 11.6 %); MNN's CPU dispatch and its int8 kernels",
  "on the A73 (11.3 % with, 11.2 % without); swish and sigmoid multipliers for ncnn's and MNN's",
  "CPU kernels (they stayed at their priors, the median unchanged at 11.0 %). Not added: DSP",
  "coefficients (no phone DSP rows; after the op-list fix the QCS8250 bounds do not bind, so a one-sided term",
  "would leave the Hexagon efficiency at its assumed value); normalisation and resize",
  "multipliers (no rows time them apart from the convolutions around them).",
  "",
  "Noticed and left to whoever owns the rows: PLT-169 (SqueezeNetV1 on the Kirin 990's CPU,",
  "17.2 ms) runs as fast as PLT-235 (SqueezeNet 1.1, 17.8 ms) on the same phone although 1.0 has",
  "2.4× the MACs, and PLT-193 (Inception-v4 on one A76, 322 ms) as fast as TFLite's four threads",
  "on the Snapdragon 855; both sit near +90 % in sample.",
  "",
  "## Fourth round, issue 18 (2026-12-03): the detectors the second set measured",
  "",
  "Done: calibration-only zoo models, each from its published configuration or, for ncnn's",
  "benchmark rows, from the graph ncnn ran: EfficientNetV2-B0, NanoDet-m (320, 416, 1.5× at",
  "416), Yolo-Fastest 1.1, Yolo-FastestV2 and FastestDet, PicoDet XS/S/M/L (LCNet, at 320,",
  "416 and 640) and PP-TinyPose's PicoDet-S-Pedestrian (ESNet, 192 and 320), PP-TinyPose",
  "(wider-naive Lite-HRNet, 128×96 and 256×192), YOLOv3-tiny, YOLOv5n/s, YOLOX-Nano/Tiny,",
  "and ViT-B/32 at 384. They bring rows of bilinear up- and down-sampling (NanoDet's PAN,",
  "Lite-HRNet's head), 5×5 depthwise necks and heads at 40×40 to 80×80, multi-resolution",
  "fusion, and fp16 Paddle-Lite rows on the Snapdragon 865. Rows whose input size the",
  "source does not state (Paddle-Lite's model packages: SSD-MobileNetV3, HRNet-W18,",
  "humanseg, picodet) are unknown conditions now, not rows waiting for a model. ncnn's ViT",
  "rows wait for a cost structure: ncnn's fully-connected layers over 145 tokens run at a",
  "quarter of its conv rate, and fitted they bend every shared ncnn coefficient. Still",
  "waiting for a model: PP-YOLO-Tiny, and Paddle-Lite's 2021 SSD-MobileNetV1 and",
  "YOLOv3-MobileNetV3 rows on the Kirin 990 (the source gives 300×300, 224×224 and 320×320",
  "for them).",
  "## Third round, issue 18 (2026-12-03): more rows in, what is left",
  "",
  "Done: calibration-only zoo models for the architectures with the most unused rows:",
  "ShuffleNet v1, ProxylessNAS, BlazeFace, MobileNet-SSD, SqueezeNet-SSD and MobileNet-YOLO",
  "as ncnn's benchmark graphs build them (the graphs those rows ran), GhostNet at",
  "PaddleClas's three widths, YOLOv4-tiny, EfficientNet-B1 and PaddleClas's ShuffleNetV2-swish.",
  "They bring the first rows with a depthwise transposed convolution (MobileNet-YOLO's",
  "upsampling), a nearest 2× resize (YOLOv4-tiny), SSD heads (permute, flatten, concat,",
  "softmax) and channel-padded shortcuts (BlazeFace). MobileNet-SSD and MobileNet-YOLO run",
  "on a MobileNetV1 backbone, as the first round's SSD MobileNetV2 runs on MobileNetV2's:",
  "they are detectors with rows of their own, not measurements of the workload classifier,",
  "but they inform its layers, which a reader of the held-out errors should know. Framework",
  "profiles now exist where rows do: Paddle-Lite's CPU on the Snapdragon 865, Paddle-Lite's",
  "OpenCL GPU on the Snapdragon 855, 865 and Kirin 990 (and the Kirin 985, which has",
  "Paddle-Lite and no rows), MNN's CPU on the Kirin 970. ncnn's Vulkan Winograd speedup is",
  "fitted (ncnn has F(2×2, 3×3) and F(4×4, 3×3) Vulkan paths). Set-aside rows are classed:",
  "excluded (workload models, copy errors, version spread, QCS8250 bounds, unknown",
  "conditions, sparse or low-rank weights, two-model pipelines), unmodelled (Bolt, TNN and",
  "NNAPI runs, ARMv7 builds, the Kirin 990 5G), or waiting for a zoo model or profile; the",
  "share above is of the rows socsim can describe, and the share counting the unmodelled",
  "ones is given beside it.",
  "",
  "Not done. `threads:` per app in workloads: the device compiles one whole-CPU target per",
  "run (`DeviceOptions.cpuThreads`) and the runtime's target catalog shares it between apps,",
  "so a per-app thread count needs a CPU target per (framework, threads) in both and in the",
  "schedulers' target lists; `socsim profile --threads` already prices a thread count, and",
  "the fit prices every row at its own. Per-op-kind efficiency beyond conv2d, GPU",
  "generations within a family and DSP/NPU coefficients were not added this round: the new",
  "rows are CPU and Vulkan rows of conv-dominated detectors. The Kirin 990's Paddle-Lite",
  "OpenCL rows (Mali-G76) come out about 60 % slow in-sample although its G76 is already",
  "priced with twice the G72's lanes per engine; whether that is Paddle-Lite's OpenCL kernels",
  "or the G76 cannot be told without another framework's rows on that GPU, which neither set",
  "has. The rows still waiting (listed above) need PaddleDetection's SSD-MobileNetV3, HRNet-W18,",
  "PicoDet, NanoDet, YOLO-Fastest, FastestDet, EfficientNetV2-B0, ViT, PP-TinyPose and",
  "humanseg graphs, each to be read from its own source rather than guessed.",
  "",
  "## Second round, issue 18 (2026-12-03): what was done and what is left",
  "",
  "Done: the models every row is priced with live in the zoo (`src/graph/zoo/`, marked",
  "calibration-only, totals checked by `test/graph/zoo-totals.test.ts`), now with",
  "MobileNetV3-Small, the MobileNetV3 and ShuffleNetV2 widths and PP-LCNet; the second set is",
  "read row by row (`scripts/fit/rows-set-2.ts`) and every row is either fitted or set aside",
  "with its reason (above); the workload models' rows the first set allowed (VGG-16,",
  "MobileNetV1) are out; errors are reported three ways with the noise floor from repeated",
  "configurations. Structure added: CPU kernel efficiency per compute dtype, per framework",
  "and core family (ncnn's default fp16 arithmetic on ARMv8.2 cores, ncnn int8 on A76/A77,",
  "A78/X1/X2 and A73, Paddle-Lite fp16 and int8 on A76/A77), fitted; SoCs without rows take",
  "their family's value (the `transferred from` comments).",
  "",
  "Not done in this round. Most of the second set still measures architectures the zoo",
  "does not build (GhostNet, PicoDet, NanoDet, YOLO-Fastest, BlazeFace, HRNet, TinyBERT and",
  "the speech models, ShuffleNet v1, the SSD heads): building them is what brings in the",
  "transposed convolution, normalisation, resize and high-resolution depthwise rows the issue",
  "names, and the rows used stay far below 70 % of the usable ones until then. Not in the",
  "model yet: per-op-kind efficiency for the barely covered kinds, GPU generations within a",
  "family, QCS8250 bounds beyond the six Hexagon rows of zoo models scored above, thread scaling",
  "per framework beyond the serial share and oversubscription already fitted, framework",
  "profiles for Paddle-Lite on the Snapdragon 865 and MNN on the Kirin 970, and `threads:`",
  "per app in workloads (`socsim profile --threads` exists). The Kirin 990 NPU's MobileNetV3",
  "rows are predicted 2–3× slow because socsim's Paddle-Lite/HiAI op list lacks hard-swish,",
  "so 19 ops fall back to the CPU with their transfers; a sourced HiAI op list fixes that,",
  "a guess would not. MobileNetV3-Large's excess over its QCS8250 bound on the DSP points",
  "the same way.",
  "",
  "## One pricing path (2026-12-03)",
  "",
  "The fit, `socsim profile` and the simulation now price with the same code:",
  "ops and split slices through `src/device/cost/price.ts` (op features, then",
  "cycles; the fit keeps each row's features, which no fitted coefficient",
  "changes), every CPU ↔ accelerator crossing through the simulation's",
  "`TransferPricing` (the fit used to charge one sync per switch and its",
  "bytes at the copy and conversion rates), and a delegate's partitions",
  "through the graph layer's `partitionByPredicate`. The unused cost table and",
  "the second partitioner are gone. Nothing the fit sees moved: every",
  "coefficient and every row's prediction is what it was (leave-one-model-out",
  "median 13.9 %, in-sample 10.9 %, worst 79.0 %, before and after), because",
  "the calibration rows are single-partition placements (one upload, one",
  "read-back) whose crossings both models priced alike. Split slices are now",
  "priced by their own shapes (tile and work-group rounding, halo rows), but no",
  "calibration row times a split, so the slices add no row to the fit; the",
  "§1b step panels that chose the tile sizes are the evidence for their shape.",
  "",
  "## Structural changes of the last revision, and the error that remains",
  "",
  "Before this revision the fit had 104 rows and 29 parameters; in-sample median",
  "13.6 %, leave-one-model-out median 18.3 %, worst 79.2 %. The figures above are",
  "after it (104 rows, 28 parameters): leave-one-model-out median 13.9 %, in-sample",
  "10.9 %, worst 79.0 %, so the target (≤ 15 %) is reached, narrowly: 55 of the 104",
  "left-out errors are below 15 %, so three rows crossing it would undo it (the 52nd",
  "and 53rd sorted errors, both 13.9 %, set the median). The medians after each",
  "step were 15.2, 15.0, 14.7, 14.2 and 13.9 %. As before, the pooled median",
  "moves by up to about a point under small structural changes (the fit settles in",
  "different minima at the kinks of max(compute, memory)); read the total, not any",
  "single step.",
  "",
  "What changed, and why:",
  "",
  "- **A MediaPipe task on the CPU runs TFLite on one thread** (18.3 → 15.2 %, no",
  "  new parameter). A task created for the CPU asks for the `tflite` delegate",
  "  (mediapipe `tasks/cc/core/base_options.cc`); with it the inference calculator",
  "  creates no delegate and hands the interpreter `cpu_num_thread`, whose default",
  "  is −1 (`inference_calculator_cpu.cc`, `inference_calculator.proto`), and",
  "  TFLite turns −1 into one thread (`kernels/cpu_backend_context.cc`). The",
  "  clamp(cores ÷ 2, 1, 4) = 4 threads the Tensor G1 file carried applies only to",
  "  an explicit XNNPACK delegate. `socs/tensor-g1.yaml` now runs TFLite's CPU",
  "  configuration on one thread, on an X1 (assumed: the scheduler's choice for one",
  "  busy thread). The CPU rows had needed the shared pipeline overhead to grow with",
  "  model size (EfficientDet-Lite2 fp32 was −44 % in sample); after this revision",
  "  they sit within −17…+26 % in sample, and the Tensor G1's leave-one-model-out",
  "  median is 15 % instead of 30 %. The Cortex-A78/X1 efficiency, which the",
  "  Snapdragon 888 rows share, rises from 0.41 to 0.49 now that the Tensor's rows",
  "  are priced on one X1.",
  "- **The TFLite GPU delegate links element-wise ops into whatever kernel wrote",
  "  their input** (15.2 → 15.0 %). Its `MergeNodes` (tensorflow",
  "  `lite/delegates/gpu/common/gpu_model.cc`) merges an element-wise node into the",
  "  node before it whenever that node's only output feeds it; nn-Meter saw add-add",
  "  chains fused on Adreno (operator-support.md §7). A back-end's `fuse_into: any`",
  "  lets its `fuse` kinds (now also mul, sigmoid and swish on TFLite's GPU) follow",
  "  pooling, resize or another element-wise op, not only convolutions. EfficientDet's",
  "  BiFPN (weighted sums after pooling and resizing) drops from 320 to 238 kernels",
  "  (Lite0) and Inception-ResNet-V2's residual scales join their 1×1 convolutions.",
  "- **MediaPipe's pipeline overhead is one per processor path** (15.0 → 14.7 %, one",
  "  parameter more). The task converts the camera image and decodes results on the",
  "  CPU when the model runs on the CPU, and through the GPU (upload, conversion,",
  "  GPU–CPU synchronisation) when it runs on the GPU; the two paths fit at 5.5 ms and",
  "  11.7 ms. With one shared overhead (and the Mali Valhall terms below held) the",
  "  median is 15.2 %.",
  "- **Concat runs on one thread in ncnn, Paddle-Lite and TFLite on the CPU**",
  "  (14.7 → 14.2 %, no new parameter). Each copies its inputs with memcpy",
  "  outside any thread pool (ncnn `src/layer/arm/concat_arm.cpp`, Paddle-Lite",
  "  `lite/backends/arm/math/concat.cc`, TFLite's builtin `kernels/concatenation.cc`).",
  "  A back-end's `serial_ops` kinds run wholly serial and move their bytes at the",
  "  cache and DRAM bandwidth one thread draws, so their time does not change with the",
  "  thread count (a test holds this). SqueezeNet under Paddle-Lite at four threads",
  "  goes from −17 % to −15 %; Inception and SqueezeNet under TFLite gain a little. A",
  "  first version charged a serial op its bytes times the thread count, which",
  "  over-prices copies bound by DRAM at high thread counts; corrected before the end",
  "  of the revision, the step measures the same 14.2 %.",
  "- **The Mali Valhall efficiency and kernel launch are held at their priors**",
  "  (14.2 → 13.9 %, two parameters fewer). Their only rows are the six Tensor G1",
  "  GPU rows, from three model families, and those rows also carry the MediaPipe",
  "  GPU-path overhead: three numbers fitted to them cannot be told apart, and",
  "  fitted, both sat within 4 % of the prior (0.292 against 0.3, 62 µs against",
  "  60 µs). Left free, a fold that leaves EfficientDet out set them from",
  "  EfficientNet-Lite2 and SSD alone and priced EfficientDet's GPU rows +42 to +51 %;",
  "  held, +12 to +19 %. This is a judgement about identifiability, not a general",
  "  rule: holding every other parameter that fits within 4 % of its prior as well",
  "  (Adreno OpenCL buffer efficiency, Paddle-Lite's serial fraction, the Da Vinci",
  "  NPU efficiency) gave 14.4 % against 13.7 % for the Valhall pair alone (both",
  "  measured with the first concat version above), and was not done.",
  "",
  "Tried and not kept, this revision (each median against the step it was tried",
  "on: 14.7 % for the first three, 14.2 % for the last): a MediaPipe detection",
  "post-processing cost per output element (anchors × classes and boxes; 16.9 %: the",
  "GPU rows, where the EfficientDet networks are already priced high, grow further,",
  "while SSD, with few anchors, is the row that runs slow); a MediaPipe",
  "pre-processing cost per input pixel (on the CPU path only 14.7 %, unchanged, and",
  "the rows leave it at its prior; on both paths 14.1 % but without a physical basis",
  "on the GPU path, where MediaPipe converts the image on the GPU); a per-op",
  "fork-join cost for ncnn whenever more than one thread runs (14.9 %, it stays at",
  "its prior); counting ncnn's exp-based sigmoid and swish at about 40 flops per",
  "element, as its NEON `exp_ps` spends (14.4 %: the Kirin 970's EfficientNet-B0",
  "improves, the Snapdragon 855's overshoots). Earlier revisions tried a",
  "fully-connected efficiency per GPU family, weight streaming per GPU family, a",
  "family launch on top of per-framework dispatch, one launch for Mali Bifrost and",
  "Valhall, ncnn's Vulkan without MACE's buffer factor, one CPU serial fraction for",
  "ncnn and Paddle-Lite, GPU concurrency per FP32 lane, separate Cortex-X1 and A78",
  "efficiencies and MediaPipe overheads split by task; none kept.",
  "",
  "Checked and left as they are: the leave-one-model-out folds group variants of one",
  "architecture (SqueezeNet 1.0 and 1.1, ShuffleNetV2 at both widths, EfficientDet",
  "Lite0 and Lite2) and the median is the plain median of the 104 absolute errors.",
  "The Inception-ResNet-V2 graph follows TF-slim (244 convolutions, 13.2 G MACs,",
  "55.8 M weights, residual scales as mul ops).",
  "",
  "Where the error remains:",
  "",
  "- **AlexNet on the Mali-G72** (−72 % in sample, −79 % left out): its fully-connected",
  "  layers take about 150 ms, an effective 0.8 GB/s, where the same layers on the",
  "  Adrenos and VGG-16's on the Mali-G76 stream at about a sixth of DRAM bandwidth.",
  "  Shared weight streaming keeps the other GPUs right and leaves this row wrong, on",
  "  purpose.",
  "- **SSD MobileNetV2 on the Tensor G1's GPU** (−22 % and −35 % in sample, −40 % and",
  "  −50 % left out): its GPU task takes as long as EfficientDet-Lite0's with half the",
  "  MACs and a third of the kernels, and its float16 model 17 % longer than the",
  "  float32 one although the GPU computes both in fp16. Nothing in the graph or the",
  "  sources explains it.",
  "- **ncnn on the Snapdragon 855+ against the Snapdragon 888**: SqueezeNet is −24 % on",
  "  the 888's GPU while GoogLeNet and RegNetY are +18 % and +21 % on the 855+'s; no",
  "  sourced fact (speed bin, sustained clock, driver) explains it.",
  "- **RegNetY's thread scaling under ncnn**: +30 % on one Snapdragon 855+ core, −5 % on",
  "  four, −38 % at eight threads on the Snapdragon 888's four big cores. Its many",
  "  small ops (squeeze-and-excitation, grouped convolutions) scale worse than the",
  "  shared serial fraction and oversubscription terms say.",
  "- **Inception-ResNet-V2 against Inception-V4 under TFLite** (+26 % and −3.5 % on",
  "  the CPU, +8 % and −16.5 % on the GPU): per MAC the measured Inception-ResNet-V2",
  "  is 1.28× faster on the CPU and 1.20× on the GPU, which points at the model",
  "  rather than the kernels. OpenVINO's model card for the TF checkpoint lists",
  "  30.2 M parameters and 22.2 GFLOPs, not the 55.8 M and 13.2 G MACs of the slim",
  "  definition; unresolved, so the graph is left as published.",
  "- **Paddle-Lite's thread scaling**: MnasNet +10, +17, +21 % at 1, 2, 4 threads while",
  "  SqueezeNet is −7, −6, −15 %; the depthwise-heavy models scale better than the",
  "  shared serial fraction allows.",
  "- **MNN on the CPU**: the Kirin 990 (fp16 on the A76) −34.5 % and the Kirin 960",
  "  (fp32 on the A73) +23 and +35 %; MNN's fp16 path gains less over its fp32 path",
  "  than the A76's doubled fp16 rate, and one row cannot say by how much.",
  "",
];
