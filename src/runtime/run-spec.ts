import type { deviceOptionsFromWhatIf, SocSpec } from "../device/index.ts";
import type { Graph } from "../graph/index.ts";
import type { PolicyEntry } from "../sched/policy.ts";
import type { GpuMemory } from "../sched/scheduler.ts";
import type { WorkloadSpec } from "../workload/workload-schema.ts";

/**
 * What one run needs of a scenario, declared here so that the runtime
 * depends on no scenario module (the scenario layer sits above it).
 */
type WhatIfKnobs = Parameters<typeof deviceOptionsFromWhatIf>[0];

export interface RunSpec {
  /** Framework profile of the scenario (default: the SoC's). */
  readonly framework?: string | undefined;
  /** Seconds. */
  readonly duration: number;
  readonly warmup: number;
  readonly thermal_tick: number;
  readonly what_if: WhatIfKnobs & {
    readonly forced_cpu_fraction: number;
    /** Per accelerator, `[from, to]` windows (s) in which its delegate's invocations fail. */
    readonly unavailable?: Readonly<Record<string, readonly (readonly [number, number])[]>>;
  };
}

export interface RunScenario {
  readonly spec: RunSpec;
  readonly soc: SocSpec;
  readonly workload: WorkloadSpec;
  /** One graph per app, in the app's dtype. */
  readonly graphs: readonly Graph[];
  /** Arrival times (ns) of apps whose arrivals come from a trace file, by app name. */
  readonly traces: ReadonlyMap<string, readonly number[]>;
  /** Per-frame similarities of apps whose reuse reads a similarity trace, by app name. */
  readonly similarityTraces?: ReadonlyMap<string, readonly number[]>;
}

/** One scheduler entry of a scenario, resolved. */
export interface RunPolicy {
  readonly name: string;
  /** What results call this run: the entry's `label`, or its name. */
  readonly label: string;
  readonly params: Record<string, unknown>;
  /** A version-2 definition or a version-1 factory. */
  readonly factory: PolicyEntry;
  /** The user's policy module, when the entry names one. */
  readonly module?: string;
  /** The entry's framework, overriding the policy's and the scenario's. */
  readonly framework?: string;
  /** The entry's GPU memory object, overriding the policy's and the framework's. */
  readonly gpuMemory?: GpuMemory;
  /** Where the entry is written, for errors of a user's module (FILE:LINE:COL). */
  readonly entry?: {
    readonly file: string;
    readonly position?: { readonly line: number; readonly col: number };
  };
}
