import { z } from "zod";
import { unknownNameMessage } from "../../core/index.ts";
import { nonNegative, positive } from "./fields.ts";

/** DVFS governor defaults of one frequency domain, as the shipped kernels configure them. */

const schedutil = z
  .strictObject({
    kind: z.literal("schedutil"),
    up_rate_limit: nonNegative("time"),
    down_rate_limit: nonNegative("time"),
    /** Target frequency = headroom × utilisation × max frequency. */
    headroom: z.number().min(1),
    /** Half-life of the utilisation average (PELT); mainline's 32 ms when left out. */
    util_half_life: positive("time").optional(),
    /**
     * Qualcomm's WALT schedutil: when utilisation reaches `hispeed_load` % of
     * the current frequency's capacity, ask for at least `hispeed_freq`. Both
     * or neither.
     */
    hispeed_freq: positive("frequency").optional(),
    hispeed_load: z.number().gt(0).max(100).optional(),
    /**
     * Qualcomm's WALT (sched_ravg_window): utilisation is the busy share of the
     * previous window of this length and the predicted demand of the running
     * work, instead of the PELT average with util_est.
     */
    walt_window: positive("time").optional(),
    /**
     * The foreground app's threads and the UI (Android's top-app group) lift
     * the cluster's utilisation while they run: `top_app_boost` % of the spare
     * capacity (schedtune.boost), or to at least `top_app_uclamp_min` of the
     * capacity (cpu.uclamp.min, as a fraction). Neither: no boost.
     */
    top_app_boost: z.number().min(0).max(100).optional(),
    top_app_uclamp_min: z.number().min(0).max(1).optional(),
  })
  .refine((spec) => (spec.hispeed_freq === undefined) === (spec.hispeed_load === undefined), {
    error: "hispeed_freq and hispeed_load go together",
    path: ["hispeed_load"],
  });

/** A devfreq governor's period: Linux's devfreq polls in milliseconds (polling_ms), never below one. */
const pollingInterval = positive("time").refine((seconds) => seconds >= 1e-3, {
  error: "must be at least 1 ms (devfreq polls in whole milliseconds)",
});

const simpleOndemand = z.strictObject({
  kind: z.literal("simple_ondemand"),
  polling_interval: pollingInterval,
  /** Busy percentage above which the domain jumps to its highest operating point. */
  up_threshold: z.number().gt(0).max(100),
  /** Percentage points below the up threshold inside which the frequency is held. */
  down_differential: z.number().min(0).max(100),
  /** The driver's minimum lock (devfreq min_freq): the governor never asks for less; the lowest point reaching it. */
  min_freq: positive("frequency").optional(),
});

const bandwidthMonitor = z.strictObject({
  kind: z.literal("bw_hwmon"),
  polling_interval: pollingInterval,
});

const performance = z.strictObject({ kind: z.literal("performance") });

export const GOVERNOR_KINDS = ["schedutil", "simple_ondemand", "bw_hwmon", "performance"] as const;

export const governorSchema = z.discriminatedUnion(
  "kind",
  [schedutil, simpleOndemand, bandwidthMonitor, performance],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? unknownNameMessage(
            "governor kind",
            String((issue.input as { kind?: unknown } | undefined)?.kind),
            GOVERNOR_KINDS,
          )
        : undefined,
  },
);

export type GovernorSpec = z.output<typeof governorSchema>;
