import { z } from "zod";
import { identifier, quantity } from "../core/index.ts";

/**
 * `kind: scenario`: one experiment — a SoC, a workload, the schedulers to
 * compare, how long, and the what-if knobs a researcher turns.
 */

const schedulerEntry = z.union([
  z.string().min(1),
  z.strictObject({
    name: z.string().min(1),
    /** How results name this entry (default: the name); unique within a scenario. */
    label: z.string().min(1).optional(),
    /** An ES module exporting a policy, relative to the scenario file (users' own policies). */
    module: z.string().optional(),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
]);

const whatIfSchema = z.strictObject({
  /** Default: the SoC file's ambient. */
  ambient: quantity("temperature").optional(),
  /** Node temperatures at time zero (default: ambient). */
  initial_temps: z.record(z.string(), quantity("temperature")).default({}),
  /** Nodes pinned at a temperature for the whole run (seed study σ1/σ2). */
  hold_temps: z.record(z.string(), quantity("temperature")).default({}),
  /** Governor per frequency domain: performance, powersave, userspace, schedutil, simple_ondemand. */
  governors: z.record(z.string(), z.string()).default({}),
  /** A fixed operating point per domain (implies the userspace governor). */
  fixed_freq: z.record(z.string(), quantity("frequency")).default({}),
  /** Pins the last-level cache hit rate (seed study σ3: 0.2). */
  cache_hit_rate: z.number().min(0).max(1).optional(),
  /** Seeded fraction of accelerator-supported ops forced to the CPU (seed study σ4: 0.5). */
  forced_cpu_fraction: z.number().min(0).max(1).default(0),
});

export const scenarioSchema = z.strictObject({
  kind: z.literal("scenario"),
  name: identifier(),
  description: z.string().optional(),
  soc: z.string().min(1),
  /** Framework profile (default: the SoC's). */
  framework: z.string().optional(),
  /** Path to a workload file, relative to the scenario file. */
  workload: z.string().min(1),
  schedulers: z.array(schedulerEntry).min(1, { error: "name at least one scheduler" }),
  duration: quantity("time").refine((s) => s > 0, { error: "duration must be > 0" }),
  warmup: quantity("time").default(0),
  seed: z.number().int().nonnegative().default(1),
  thermal_tick: quantity("time")
    .refine((s) => s > 0, { error: "thermal_tick must be > 0" })
    .default(0.01),
  what_if: whatIfSchema.default(whatIfSchema.parse({})),
});

export type ScenarioSpec = z.output<typeof scenarioSchema>;
export type WhatIf = z.output<typeof whatIfSchema>;
