import { z } from "zod";
import { identifier, quantity } from "../core/index.ts";
import { celsius } from "../device/schema/fields.ts";

/**
 * `kind: scenario`: one experiment — a SoC, a workload, the schedulers to
 * compare, how long, and the what-if knobs a researcher turns.
 */

const MIN_THERMAL_TICK_S = 1e-6;
const MAX_THERMAL_TICK_S = 1;
const DEFAULT_THERMAL_TICK_S = 0.01;

const schedulerEntry = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1),
    /** How results name this entry (default: the name); unique within a scenario. */
    label: z.string().min(1).optional(),
    /** An ES module exporting a policy, relative to the scenario file (users' own policies). */
    module: z.string().optional(),
    params: z.record(z.string(), z.unknown()).default({}),
    /** Framework profile for this entry (default: the policy's, else the scenario's). */
    framework: z.string().min(1).optional(),
    /** GPU memory object for this entry (default: the policy's, else the framework's). */
    gpu_memory: z.enum(["image", "buffer"]).optional(),
  }),
]);

/** One `[from, to]` window of simulated time, to after from. */
const timeWindow = z
  .tuple([quantity("time"), quantity("time")])
  .refine(([from]) => from >= 0, { error: "a window cannot start before 0 s" })
  .refine(([from, to]) => to > from, { error: "a window must end after it starts" });

/**
 * A window, or a list of windows (`[10 s, 20 s]` or `[[1 s, 2 s], [5 s, 6 s]]`),
 * read as a list; an error names the place as written (`gpu[1]` is the
 * single window's end, `gpu[1][0]` the second window's start).
 */
const timeWindows = z
  .array(z.unknown())
  .min(1, { error: "give a window [from, to] or a list of them" })
  .superRefine((value, context) => {
    const nested = Array.isArray(value[0]);
    (nested ? value : [value]).forEach((window, index) => {
      const parsed = timeWindow.safeParse(window);
      if (parsed.success) return;
      for (const issue of parsed.error.issues)
        context.addIssue({
          code: "custom",
          message: issue.message,
          path: nested ? [index, ...issue.path] : issue.path,
        });
    });
  })
  .transform((value) =>
    (Array.isArray(value[0]) ? value : [value]).map((window) => timeWindow.parse(window)),
  );

const whatIfSchema = z.strictObject({
  /** Default: the SoC file's ambient. */
  ambient: celsius().optional(),
  /** Node temperatures at time zero (default: ambient). */
  initial_temps: z.record(z.string(), celsius()).default({}),
  /** Nodes pinned at a temperature for the whole run (seed study σ1/σ2). */
  hold_temps: z.record(z.string(), celsius()).default({}),
  /** Nodes started at a temperature with the rest at the steady state of the load that holds them there (σ1/σ2 as a pre-heated phone). */
  preheat: z.record(z.string(), celsius()).default({}),
  /** Governor per frequency domain: performance, powersave, userspace, schedutil, simple_ondemand. */
  governors: z.record(z.string(), z.string()).default({}),
  /** A fixed operating point per domain (implies the userspace governor). */
  fixed_freq: z.record(z.string(), quantity("frequency")).default({}),
  /** Pins the last-level cache hit rate (seed study σ3: 0.2). */
  cache_hit_rate: z.number().min(0).max(1).optional(),
  /** Seeded fraction of accelerator-supported ops forced to the CPU (seed study σ4: 0.5). */
  forced_cpu_fraction: z.number().min(0).max(1).default(0),
  /** Per accelerator, windows in which its delegate's invocations fail (docs/scenarios.md). */
  unavailable: z.record(z.string(), timeWindows).default({}),
});

const scenarioShape = z.strictObject({
  kind: z.literal("scenario"),
  name: identifier(),
  description: z.string().optional(),
  soc: z.string().min(1),
  /** Framework profile (default: the SoC's). */
  framework: z.string().optional(),
  /** Path to a workload file, relative to the scenario file. */
  workload: z.string().min(1),
  schedulers: z.array(schedulerEntry).min(1, { error: "name at least one scheduler" }),
  duration: quantity("time").refine((s) => s >= MIN_THERMAL_TICK_S, {
    error: "duration must be at least 1 µs (one thermal tick)",
  }),
  warmup: quantity("time")
    .refine((s) => s >= 0, { error: "warm-up must not be negative" })
    .default(0),
  seed: z.number().int().nonnegative().default(1),
  /** Step of the thermal network (default: 10 ms, or the duration if shorter). */
  thermal_tick: quantity("time").optional(),
  what_if: whatIfSchema.default(whatIfSchema.parse({})),
});

/** A tick below 1 µs rounds to nothing in integer ns; above 1 s or the duration, nothing heats. */
export const scenarioSchema = scenarioShape
  .superRefine((spec, context) => {
    const tick = spec.thermal_tick;
    const longest = Math.min(MAX_THERMAL_TICK_S, spec.duration);
    if (tick !== undefined && !(tick >= MIN_THERMAL_TICK_S && tick <= longest))
      context.addIssue({
        code: "custom",
        path: ["thermal_tick"],
        message: `thermal_tick must be from 1 µs to 1 s and at most the duration (${spec.duration} s)`,
      });
  })
  .transform((spec) => ({
    ...spec,
    thermal_tick: spec.thermal_tick ?? Math.min(DEFAULT_THERMAL_TICK_S, spec.duration),
  }));

export type ScenarioSpec = z.output<typeof scenarioSchema>;
export type WhatIf = z.output<typeof whatIfSchema>;
