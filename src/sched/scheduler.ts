import type { Graph } from "../graph/index.ts";
import type { ModelPlan } from "./plan.ts";
import type { SchedulerView } from "./view.ts";

/**
 * The scheduler interface, version 1, which users' own policies and the
 * single-processor policies implement; version 2 (`policy.ts`) wraps it
 * with a params schema, defaults and cost functions, and a version-1
 * policy runs unchanged under it.
 *
 * A policy works in two phases and never acts on the device itself:
 * - `plan` runs once per app before the simulation: it cuts the model into
 *   units and lists how each may run, from static facts only (the graph, what
 *   each target supports, where the framework would place each op, the
 *   offline profile).
 * - `decide` runs whenever work becomes ready or a processor frees up: it
 *   reads the monitor view and returns decisions; the runtime carries them
 *   out. Ready units it leaves undecided stay ready for the next call.
 *
 * Decisions cost CPU time (seed study F6): `decisionCostNs` is charged on a
 * CPU core before the decisions of a call take effect.
 */
export interface Scheduler {
  readonly id: string;
  /** Simulated CPU time (ns) one `decide` call costs; 0 or absent for static policies. */
  readonly decisionCostNs?: number;
  plan(app: PlanningContext): ModelPlan;
  decide(view: SchedulerView): readonly Decision[];
}

/**
 * What a policy may ask the runtime to do with ready work:
 * - `run` one ready unit with one of its options;
 * - `merged`: run consecutive units of one request, the first of them ready,
 *   as one job on one target (each unit starts as soon as the one before it
 *   ends, with no policy call in between);
 * - `drop` a request with everything it has left.
 */
export type Decision =
  | {
      readonly kind: "run";
      readonly requestId: number;
      readonly unitId: number;
      readonly option: number;
    }
  | {
      readonly kind: "merged";
      readonly requestId: number;
      /** Unit ids in the order they run; each depends only on units finished or listed before it. */
      readonly unitIds: readonly number[];
      readonly target: string;
    }
  | { readonly kind: "drop"; readonly requestId: number };

/** One app of the scenario as every policy sees it when it plans. */
export interface AppInfo {
  readonly name: string;
  readonly graph: Graph;
  /** The workload's arrival process, as written (`{process: periodic, fps: 30}`, ...). */
  readonly arrival: Readonly<Record<string, unknown>>;
  /** Null without an SLO. */
  readonly sloNs: number | null;
}

/** The OpenCL memory object a GPU back-end keeps tensors in. */
export type GpuMemory = "image" | "buffer";

/** How a split slice is cut (see plan.ts). */
export interface SliceShape {
  readonly axis: "channels" | "rows";
  readonly share: number;
}

/** What a policy may know about one app when it plans. */
export interface PlanningContext {
  readonly appIndex: number;
  readonly appName: string;
  readonly graph: Graph;
  /** Every app of the scenario (this one at `appIndex`), for policies that plan with the others in mind. */
  readonly apps: readonly AppInfo[];
  /**
   * Processor targets of the device and the framework's whole-CPU target
   * `cpu`, which for this app runs its workload's `threads:` (every price
   * below and the run itself use the app's own `cpu`).
   */
  readonly targets: readonly TargetInfo[];
  /** Threads this app's `cpu` runs: its workload's `threads:`, else the framework's own count. */
  readonly cpuThreads: number;
  /** The framework profile (of the SoC file) the run uses. */
  readonly framework: string;
  /** The GPU back-end's memory object, or null when the framework drives no GPU. */
  readonly gpuMemory: GpuMemory | null;
  /** Can `target` run op `opId` (kind and dtype)? The support table, not a cost. */
  supports(opId: number, target: string): boolean;
  /** Where the framework puts each op when the model is bound to `target` (fallbacks on `cpu`). */
  frameworkPlacement(target: string): readonly string[];
  /** Offline profile: time (ns) of one op alone on a target at nominal conditions. */
  offlineOpNs(opId: number, target: string): number;
  /**
   * The profiling set: time (ns) of one slice of an op alone on a target at
   * nominal conditions, as a profiling run on the phone would measure it;
   * policies that train predictors sample it on a grid of shares.
   */
  profileSliceNs(opId: number, target: string, slice: SliceShape): number;
  /** Time (ns) to move `bytes` between two targets, synchronisation included (the cost of a cut). */
  transferNs(from: string, to: string, bytes: number): number;
  /** Counts planning work (predictor queries, candidates tried): the policy's `planningCostNs` prices it. */
  countWork(amount: number): void;
}

export interface TargetInfo {
  readonly id: string;
  readonly kind: "cpu" | "gpu" | "dsp" | "npu";
  /** The processor's microarchitecture family from the SoC file (`adreno-6xx`, `mali-valhall`, `hexagon-698`, `cortex-a76`, ...). */
  readonly family: string;
}

/** Builds a policy from its scenario parameters. */
export type SchedulerFactory = (params: Readonly<Record<string, unknown>>) => Scheduler;
