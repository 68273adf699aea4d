import type { PathSegment } from "../../src/core/index.ts";
import type { SocSpec } from "../../src/device/index.ts";
import type { OpKind } from "../../src/graph/index.ts";
import type { CalibrationRow } from "./rows.ts";

/**
 * What the fit adjusts. Each parameter is one number shared by every place
 * (site) it lives in the SoC files: a microarchitecture's efficiency in every
 * SoC that has those cores, a framework's kernel coefficient in every SoC
 * that has that back-end. Parameters are fitted in log space around a prior
 * (`initial`, `spread` = standard deviation of its log), which keeps
 * coefficients the rows barely see near a plausible value.
 */
export interface Parameter {
  readonly name: string;
  readonly initial: number;
  readonly spread: number;
  /** How the value is written: a plain number, a whole number, a time in microseconds, a bandwidth. */
  readonly unit: "number" | "integer" | "us" | "GB/s";
  /** Largest value the parameter may take (fractions). */
  readonly maximum?: number;
  /** Smallest value the parameter may take (slowdown factors). */
  readonly minimum?: number;
  sites(soc: SocSpec): PathSegment[][];
  /**
   * A measurement condition rather than a device coefficient: seconds added
   * to the prediction of the rows it applies to, written to no SoC file.
   */
  readonly addsTo?: (row: CalibrationRow) => boolean;
}

function processorSites(microarchitectures: readonly string[], field: readonly PathSegment[]) {
  return (soc: SocSpec): PathSegment[][] =>
    Object.entries(soc.processors)
      .filter(([, processor]) => microarchitectures.includes(processor.microarchitecture))
      .map(([id]) => ["processors", id, ...field]);
}

function backendSites(
  framework: string,
  kind: "cpu" | "gpu" | "npu",
  field: readonly PathSegment[],
) {
  return (soc: SocSpec): PathSegment[][] =>
    soc.frameworks[framework]?.backends[kind] === undefined
      ? []
      : [["frameworks", framework, "backends", kind, ...field]];
}

function microarchitecture(
  name: string,
  microarchitectures: readonly string[],
  initial: number,
): Parameter {
  return {
    name: `${name} efficiency`,
    initial,
    spread: 1,
    unit: "number",
    maximum: 1,
    sites: processorSites(microarchitectures, ["efficiency", "default"]),
  };
}

/** Work units a GPU family keeps in flight: small ops that cannot fill them run at a fraction of peak. */
function concurrency(name: string, microarchitectures: readonly string[]): Parameter {
  return {
    name: `${name} concurrency`,
    initial: 1024,
    spread: 1.5,
    unit: "integer",
    sites: processorSites(microarchitectures, ["concurrency"]),
  };
}

/**
 * Share of DRAM bandwidth a GPU family streams fully-connected weights at
 * (batch 1: one multiply per weight read, so the layer is bound by weight
 * traffic, not by the ALUs). Shared by every framework on the family, so
 * MACE's VGG-16 rows and ncnn's AlexNet rows inform one number; a model left
 * out is priced from its weight bytes.
 */
function weightStreaming(name: string, microarchitectures: readonly string[]): Parameter {
  return {
    name: `${name} weight streaming`,
    initial: 0.3,
    spread: 1.5,
    unit: "number",
    maximum: 1,
    sites: processorSites(microarchitectures, ["weight_streaming"]),
  };
}

/**
 * Per-kernel start cost of a GPU family (driver and command front end),
 * shared by every framework that drives it. It replaces the per-framework GPU
 * dispatch: each framework's value was informed by one to three model
 * families on mostly one GPU family, so the Mali-G72's small models (many
 * short kernels) were priced with an overhead fitted on Adrenos.
 */
function launch(name: string, microarchitectures: readonly string[]): Parameter {
  return {
    name: `${name} kernel launch`,
    initial: 60e-6,
    spread: 1.5,
    unit: "us",
    sites: processorSites(microarchitectures, ["launch"]),
  };
}

/**
 * A framework's kernel multiplier for one op kind. GPU fully-connected
 * layers at batch 1 are matrix–vector products that use a GPU poorly: their
 * prior sits lower and wider.
 */
function kernel(framework: string, kind: "cpu" | "gpu", opKind: OpKind): Parameter {
  const gemv = kind === "gpu" && opKind === "fully_connected";
  return {
    name: `${framework} ${kind} ${opKind} kernels`,
    initial: gemv ? 0.3 : 1,
    spread: gemv ? 3 : 0.7,
    unit: "number",
    sites: backendSites(framework, kind, ["efficiency", opKind]),
  };
}

function dispatch(framework: string, kind: "cpu" | "gpu", initialSeconds: number): Parameter {
  return {
    name: `${framework} ${kind} dispatch`,
    initial: initialSeconds,
    spread: 1.5,
    unit: "us",
    sites: backendSites(framework, kind, ["dispatch"]),
  };
}

/**
 * The GPU back-ends that drive the GPU through OpenCL: MACE's and
 * Paddle-Lite's OpenCL runtimes, TFLite's GPU delegate (its OpenCL backend
 * on Android) and MNN where its rows ran OpenCL (the Snapdragon 888's). ncnn
 * drives it through Vulkan only.
 */
const OPENCL_GPU_FRAMEWORKS = ["mace", "tflite", "paddle-lite", "mnn"];

/**
 * What an OpenCL kernel costs to start beyond a Vulkan dispatch on the same
 * GPU family: each `clEnqueueNDRangeKernel` goes through the driver on the
 * host thread, while ncnn records an inference's dispatches into one Vulkan
 * command buffer and submits it once. The family's launch stays the cost
 * both pay (the GPU's command front end and the barriers between kernels).
 */
function openclEnqueue(name: string, microarchitecture: string): Parameter {
  return {
    name: `${name} OpenCL enqueue`,
    initial: 20e-6,
    spread: 1.5,
    unit: "us",
    sites: (soc) =>
      Object.values(soc.processors).some(
        (processor) =>
          processor.kind === "gpu" && processor.microarchitecture === microarchitecture,
      )
        ? OPENCL_GPU_FRAMEWORKS.filter(
            (framework) => soc.frameworks[framework]?.backends.gpu !== undefined,
          ).map((framework) => ["frameworks", framework, "backends", "gpu", "dispatch"])
        : [],
  };
}

/** Multiply reduction of Winograd 3×3 convolutions; the prior is F(2×2, 3×3)'s 2.25. */
function winograd(framework: string, kind: "cpu" | "gpu", spread: number): Parameter {
  return {
    name: `${framework} ${kind} Winograd speedup`,
    initial: 2.25,
    spread,
    unit: "number",
    sites: backendSites(framework, kind, ["winograd", "speedup"]),
  };
}

function serialFraction(framework: string): Parameter {
  return {
    name: `${framework} cpu serial fraction`,
    initial: 0.1,
    spread: 1,
    unit: "number",
    maximum: 0.9,
    sites: backendSites(framework, "cpu", ["serial_fraction"]),
  };
}

/** Seconds a MediaPipe task adds around its model (a measurement condition of calib §7). */
function pipelineOverhead(path: "cpu" | "gpu"): Parameter {
  return {
    name: `MediaPipe ${path.toUpperCase()} task pipeline overhead`,
    initial: 5e-3,
    spread: 1.5,
    unit: "us",
    sites: () => [],
    addsTo: (row) => row.mediapipeTask === true && (path === "cpu") === (row.processor === "cpu"),
  };
}

/**
 * Time one CPU ↔ accelerator crossing waits beyond its bytes (driver call,
 * completion wait) on every SoC whose accelerator is of the family. An
 * offline-compiled NPU model runs as one call into the vendor's service, so
 * each inference pays its upload and read-back crossings whatever its size.
 */
function crossingSync(
  name: string,
  microarchitectures: readonly string[],
  initialSeconds: number,
): Parameter {
  return {
    name: `${name} crossing sync`,
    initial: initialSeconds,
    spread: 1.5,
    unit: "us",
    sites: (soc) =>
      Object.entries(soc.processors)
        .filter(([, processor]) => microarchitectures.includes(processor.microarchitecture))
        .map(([id]) => ["transfers", id, "sync"]),
  };
}

/** The microarchitecture of a framework's fastest CPU cluster on a SoC (undefined without a CPU back-end). */
function frameworkCores(soc: SocSpec, framework: string): string | undefined {
  const profile = soc.frameworks[framework];
  if (profile?.backends.cpu === undefined) return undefined;
  const clusters = profile.cpu.clusters.map((id) => soc.processors[id]!);
  const fastest = clusters.reduce((best, cluster) =>
    cluster.operating_points.at(-1)!.freq > best.operating_points.at(-1)!.freq ? cluster : best,
  );
  return fastest.microarchitecture;
}

/**
 * A framework's CPU kernels in one compute dtype on one core family: the
 * fraction of the cores' peak for that dtype they reach, relative to its fp32
 * kernels (int8 kernels without dot-product units, or with requantisation
 * overheads, can be slower than fp32). SoCs of the family with no rows take
 * the family's value.
 */
function dtypeEfficiency(
  framework: string,
  dtype: "fp16" | "int8",
  family: string,
  microarchitectures: readonly string[],
): Parameter {
  return {
    name: `${framework} cpu ${dtype} kernels on ${family}`,
    initial: 0.7,
    spread: 1,
    unit: "number",
    // Above 1 when the narrower dtype also saves what the peak does not count
    // (fp16 storage halves the bytes every kernel moves).
    maximum: 2,
    sites: (soc) => {
      const cores = frameworkCores(soc, framework);
      return cores !== undefined && microarchitectures.includes(cores)
        ? [["frameworks", framework, "backends", "cpu", "dtype_efficiency", dtype]]
        : [];
    },
  };
}

/**
 * Every framework's CPU swish kernel (x · sigmoid(x)), relative to its work
 * counted as 5 flops an element. NEON has no exponential: ncnn's exp_ps (a
 * cephes-style range reduction, a degree-5 polynomial and an exponent
 * rebuild) issues about 30 vector instructions per four lanes, and the
 * negation, reciprocal estimate with one Newton step and two multiplies make
 * about 37, each taking an issue slot an FMA of four MACs would: the prior is
 * 2.5 / 37 of a convolution's rate. Sigmoid and tanh, also exp-based, run
 * fused into convolutions in the rows' models and stay at the default.
 */
const CPU_SWISH: Parameter = {
  name: "CPU swish kernels (every framework)",
  initial: 0.07,
  spread: 1,
  unit: "number",
  maximum: 1,
  sites: (soc) =>
    Object.entries(soc.frameworks)
      .filter(([, profile]) => profile.backends.cpu !== undefined)
      .map(([framework]) => ["frameworks", framework, "backends", "cpu", "efficiency", "swish"]),
};

const A76_A77 = ["cortex-a76", "cortex-a77"];
const A78_X1_X2 = ["cortex-a78", "cortex-x1", "cortex-a710", "cortex-x2"];

/**
 * MACE's conv2d kernels are the reference (multiplier 1) against which the
 * other frameworks' kernels are measured, so a microarchitecture's
 * efficiency reads as "the fraction of peak MACE's convolutions reach".
 * Cores and GPUs share efficiencies by family where no row separates them.
 * A CPU core's family is its NEON back end: the A76, A77, A78 and A710
 * issue two 128-bit FMAs a cycle (the A78 and A710 keep the A77's vector
 * pipes), the X1 and X2 four, a peak a framework's kernels reach a smaller
 * share of. The little cores (A55, A53, A510), which no row runs on, take
 * the two-pipe cores' share. Before the ninth round the A78 shared the
 * X1's efficiency, which no row informs (the X1 never bounds a row: threads
 * split equally and slower cores bound them), so the A78 stayed at the
 * prior, priced a third slower per clock than the A77 it descends from.
 */
export const PARAMETERS: readonly Parameter[] = [
  // Little cores never run a row (ncnn's eight threads share the big cores): they take the two-pipe cores' share.
  microarchitecture(
    "Cortex-A76/A77/A78/A710",
    [
      "cortex-a76",
      "cortex-a77",
      "cortex-a78",
      "cortex-a710",
      "cortex-a55",
      "cortex-a53",
      "cortex-a510",
    ],
    0.5,
  ),
  microarchitecture("Cortex-X1/X2", ["cortex-x1", "cortex-x2"], 0.5),
  microarchitecture("Cortex-A73", ["cortex-a73"], 0.5),
  microarchitecture("Adreno 6xx", ["adreno-6xx"], 0.3),
  microarchitecture("Mali Bifrost", ["mali-bifrost"], 0.3),
  microarchitecture("Da Vinci NPU", ["da-vinci"], 0.3),
  // The prior is the SoC files' assumed 200 µs (one driver call and completion wait).
  crossingSync("Da Vinci NPU", ["da-vinci"], 200e-6),
  // Not fitted (the SoC files hold them as `assumed:`): the per-core cache
  // bandwidths of the A76/A77, A78/X1 and A73 and the Adreno's, MACE's and
  // Paddle-Lite's CPU Winograd speedups, TFLite's CPU int8 multiplier and the
  // Mali Valhall concurrency. Fitted, each
  // stayed within 4 % of its prior: the rows do not inform them, and as
  // parameters they only loosened the leave-one-model-out folds.
  // Not fitted either: the Mali Valhall efficiency and kernel launch. Their
  // only rows, the six calib §7 GPU rows (three model families), also carry
  // the MediaPipe GPU pipeline overhead, and three numbers fitted to them
  // cannot be told apart; both sat within 4 % of their priors.
  weightStreaming("GPU", ["adreno-6xx", "mali-bifrost", "mali-valhall"]),
  launch("Adreno 6xx", ["adreno-6xx"]),
  launch("Mali Bifrost", ["mali-bifrost"]),
  openclEnqueue("Adreno 6xx", "adreno-6xx"),
  concurrency("Adreno 6xx", ["adreno-6xx"]),
  concurrency("Mali Bifrost", ["mali-bifrost"]),
  {
    name: "Adreno 6xx OpenCL buffer efficiency",
    initial: 0.3,
    spread: 1,
    unit: "number",
    maximum: 1,
    sites: processorSites(["adreno-6xx"], ["memory_objects", "buffer"]),
  },
  kernel("tflite", "cpu", "conv2d"),
  dispatch("tflite", "cpu", 20e-6),
  kernel("tflite", "gpu", "conv2d"),
  kernel("ncnn", "cpu", "conv2d"),
  dispatch("ncnn", "cpu", 20e-6),
  serialFraction("ncnn"),
  {
    name: "ncnn cpu oversubscription slowdown",
    initial: 1.5,
    spread: 1,
    unit: "number",
    minimum: 1,
    sites: backendSites("ncnn", "cpu", ["oversubscription_slowdown"]),
  },
  {
    name: "ncnn cpu oversubscription sync",
    initial: 20e-6,
    spread: 1.5,
    unit: "us",
    sites: backendSites("ncnn", "cpu", ["oversubscription_sync"]),
  },
  winograd("ncnn", "cpu", 0.5),
  // ncnn computes fp32 models in fp16 on ARMv8.2-FP16 cores by default (calibration-set-2
  // README); the A73 has no fp16 arithmetic, so its rows run fp32 and see no fp16 coefficient.
  dtypeEfficiency("ncnn", "fp16", "ARMv8.2 cores", [...A76_A77, ...A78_X1_X2]),
  dtypeEfficiency("ncnn", "int8", "Cortex-A76/A77", A76_A77),
  dtypeEfficiency("ncnn", "int8", "Cortex-A78/X1/X2", A78_X1_X2),
  dtypeEfficiency("ncnn", "int8", "Cortex-A73", ["cortex-a73"]),
  dtypeEfficiency("mnn", "int8", "Cortex-A73", ["cortex-a73"]),
  dtypeEfficiency("paddle-lite", "fp16", "Cortex-A76/A77", A76_A77),
  dtypeEfficiency("paddle-lite", "int8", "Cortex-A76/A77", A76_A77),
  kernel("ncnn", "gpu", "conv2d"),
  // ncnn's Vulkan convolution has Winograd F(2×2, 3×3) and F(4×4, 3×3) paths for
  // 3×3 stride-1 convs (the SqueezeNet, GoogLeNet, AlexNet and SSD rows on Vulkan see them).
  winograd("ncnn", "gpu", 0.5),
  kernel("paddle-lite", "cpu", "conv2d"),
  kernel("paddle-lite", "gpu", "conv2d"),
  dispatch("paddle-lite", "cpu", 20e-6),
  serialFraction("paddle-lite"),
  kernel("mnn", "gpu", "conv2d"),
  // MNN's CPU rows (the Kirin 970 at one thread, the Kirin 960 and 990 at four)
  // inform its convolutions since the second set's MNN rows came in.
  kernel("mnn", "cpu", "conv2d"),
  CPU_SWISH,
  // MediaPipe times its whole task around the TFLite model it runs: image
  // conversion and resizing, then box decoding and NMS (detector), label
  // sorting (classifier) or a category mask at input size (segmenter).
  ...(["cpu", "gpu"] as const).map((path) => pipelineOverhead(path)),
];
