import { z } from "zod";
import { identifier, quantity } from "../core/index.ts";
import type { FrontendTransform } from "../graph/index.ts";
import { reuseSchema } from "./reuse-schema.ts";

/**
 * `kind: workload`: the apps (one DNN each, with an arrival process and an
 * SLO), the competing processes and the UI rendering load that share a phone.
 */

const positive = (what: string) =>
  z.number({ error: `expected a number (${what})` }).positive({ error: `${what} must be > 0` });

const positiveTime = (what: string) =>
  quantity("time").refine((seconds) => seconds > 0, { error: `${what} must be > 0` });

const nonNegative = (kind: "time" | "bytes" | "bandwidth", what: string) =>
  quantity(kind).refine((value) => value >= 0, { error: `${what} must not be negative` });

const periodicArrival = z.strictObject({
  process: z.literal("periodic"),
  fps: positive("frames per second"),
  /** Uniform jitter added to each nominal arrival, up to this much either way. */
  jitter: nonNegative("time", "jitter").optional(),
});

const poissonArrival = z.strictObject({
  process: z.literal("poisson"),
  rate: positive("requests per second"),
});

const burstyArrival = z.strictObject({
  process: z.literal("bursty"),
  /** Poisson rate while a burst is on. */
  rate: positive("requests per second while on"),
  mean_on: positiveTime("mean on time"),
  mean_off: positiveTime("mean off time"),
});

const traceArrival = z.strictObject({
  process: z.literal("trace"),
  /** CSV with one arrival time in milliseconds per line (first column), relative to the file. */
  file: z.string(),
});

/**
 * Closed loop: `outstanding` requests in the system at once; each that
 * completes or is dropped is followed, `think` later, by the next.
 */
const closedArrival = z.strictObject({
  process: z.literal("closed"),
  outstanding: z.number().int().positive(),
  think: nonNegative("time", "think").default(0),
});

export const arrivalSchema = z.discriminatedUnion("process", [
  periodicArrival,
  poissonArrival,
  burstyArrival,
  traceArrival,
  closedArrival,
]);

const ratioInOpenUnit = (what: string) =>
  z
    .number({ error: `expected a number (${what})` })
    .gt(0, { error: `${what} must be in (0, 1)` })
    .lt(1, { error: `${what} must be in (0, 1)` });

/**
 * Frontend transforms (seed study F3), applied by the graph layer in list
 * order: `fusion`, `{ pruning: RATIO }` (the share of each prunable conv's
 * filters removed) or `{ low_rank: RANK_RATIO }` (each conv's rank over its
 * full rank). The app's dtype stays.
 */
const TRANSFORM_FORMS = "fusion, { pruning: RATIO } or { low_rank: RANK_RATIO }";

const transformSchema = z.preprocess(
  // The bare word is the one transform without a parameter: read it as { fusion: true }.
  (entry) => (entry === "fusion" ? { fusion: true } : entry),
  z
    .strictObject(
      {
        fusion: z.literal(true).optional(),
        pruning: ratioInOpenUnit("pruning ratio").optional(),
        low_rank: z
          .number({ error: "expected a number (rank ratio)" })
          .gt(0, { error: "rank ratio must be in (0, 1]" })
          .lte(1, { error: "rank ratio must be in (0, 1]" })
          .optional(),
      },
      { error: `expected ${TRANSFORM_FORMS}` },
    )
    .refine((entry) => Object.keys(entry).length === 1, {
      error: `give one transform per entry: ${TRANSFORM_FORMS}`,
    })
    .transform((entry): FrontendTransform => {
      if (entry.pruning !== undefined) return { kind: "pruning", ratio: entry.pruning };
      if (entry.low_rank !== undefined) return { kind: "low-rank", rankRatio: entry.low_rank };
      return { kind: "fusion" };
    }),
);

export const appSchema = z
  .strictObject({
    name: z.string().min(1),
    /** A zoo id, or a path to a model YAML or ONNX file (relative to the workload file). */
    model: z.string().min(1),
    /** Absent: the model's own (a model file's `dtype:`, an ONNX file's element type, fp32 for the zoo). */
    dtype: z.enum(["fp32", "fp16", "int8"]).optional(),
    /** Shapes of an ONNX model's inputs with symbolic sizes, by input name (`--input-shape` of `socsim model`). */
    input_shapes: z
      .record(
        z.string(),
        z
          .array(z.number().int().positive({ error: "sizes are whole numbers of at least 1" }))
          .min(1),
      )
      .optional(),
    transforms: z.array(transformSchema).default([]),
    arrival: arrivalSchema,
    slo: positiveTime("slo").optional(),
    priority: z.number().int().default(0),
    /** Requests of this app waiting at once beyond which a new one is dropped. */
    max_queue: z.number().int().positive().default(64),
    /** In Android's top-app group (its CPU threads get the SoC's top-app boost); default: the first app only. */
    foreground: z.boolean().optional(),
    /** Result reuse on a video stream (reuse-schema.ts); absent: every frame is computed. */
    reuse: reuseSchema.optional(),
    /**
     * Threads of the app's CPU work (the framework's whole-CPU target `cpu`,
     * its fallbacks included), as `socsim profile --threads` prices them;
     * default: the framework's. At most four per CPU core of the SoC.
     */
    threads: z
      .number({ error: "expected a whole number of threads" })
      .int({ error: "threads must be a whole number" })
      .positive({ error: "threads must be at least 1" })
      .optional(),
    /**
     * Kernels of the app in a GPU's, DSP's or NPU's queue at once: the next
     * is enqueued when one ends (MACE's `opencl_queue_window_size`, there to
     * keep the UI responsive); default: a slice's kernels all at once.
     */
    queue_window: z
      .number({ error: "expected a whole number of kernels" })
      .int({ error: "queue_window must be a whole number" })
      .positive({ error: "queue_window must be at least 1" })
      .optional(),
  })
  // More outstanding requests than the queue holds would be dropped and re-issued in the same instant, forever.
  .refine((app) => app.arrival.process !== "closed" || app.arrival.outstanding <= app.max_queue, {
    error: "outstanding must be at most max_queue",
    path: ["arrival", "outstanding"],
  });

/** Whether each app is the foreground app: as its `foreground` says, else only the first. */
export function foregroundApps(apps: readonly { readonly foreground?: boolean }[]): boolean[] {
  return apps.map((app, index) => app.foreground ?? index === 0);
}

const niceLevel = z.number().int().min(-20).max(19);

export const competingSchema = z.strictObject({
  name: z.string().min(1),
  /** A processor id of the SoC (`cpu-big`, `gpu`, ...). */
  processor: z.string().min(1),
  threads: z.number().int().positive().default(1),
  /** Fraction of each period the process runs. */
  duty_cycle: z.number().gt(0).lte(1),
  period: positiveTime("period").default(0.01),
  /** Working set it keeps in the last-level cache. */
  footprint: nonNegative("bytes", "footprint").default(0),
  /** DRAM bandwidth it draws while running. */
  bandwidth: nonNegative("bandwidth", "bandwidth").default(0),
  /** Nice level of its threads: their CFS weight against the other threads of the cluster. */
  nice: niceLevel.default(0),
});

export const uiSchema = z.strictObject({
  refresh: quantity("frequency").refine((hz) => [60, 90, 120].includes(Math.round(hz)), {
    error: "refresh must be 60, 90 or 120 Hz",
  }),
  cpu_per_frame: nonNegative("time", "cpu_per_frame"),
  gpu_per_frame: nonNegative("time", "gpu_per_frame"),
  /** The CPU cluster the UI thread runs on. */
  cpu: z.string().default("cpu-big"),
  /**
   * Nice level of the UI work on the CPU. Android raises the top app's main
   * and render threads to −10 (ActivityManagerService.TOP_APP_PRIORITY_BOOST).
   */
  nice: niceLevel.default(-10),
});

export const workloadSchema = z.strictObject({
  kind: z.literal("workload"),
  name: identifier(),
  description: z.string().optional(),
  apps: z.array(appSchema).min(1, { error: "a workload needs at least one app" }),
  competing: z.array(competingSchema).default([]),
  ui: uiSchema.optional(),
});

export type ArrivalSpec = z.output<typeof arrivalSchema>;
/** The processes whose arrival times do not depend on the run. */
export type OpenArrivalSpec = Exclude<ArrivalSpec, { process: "closed" }>;
export type AppSpec = z.output<typeof appSchema>;
export type CompetingSpec = z.output<typeof competingSchema>;
export type UiSpec = z.output<typeof uiSchema>;
export type WorkloadSpec = z.output<typeof workloadSchema>;
