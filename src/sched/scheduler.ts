import type { Graph } from "../graph/index.ts";
import type { ModelPlan } from "./plan.ts";
import type { SchedulerView } from "./view.ts";

/**
 * The scheduler interface, for built-in and users' own policies.
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

export type Decision =
  | {
      readonly kind: "run";
      readonly requestId: number;
      readonly unitId: number;
      readonly option: number;
    }
  | { readonly kind: "drop"; readonly requestId: number };

/** What a policy may know about one app when it plans. */
export interface PlanningContext {
  readonly appIndex: number;
  readonly appName: string;
  readonly graph: Graph;
  /** Processor targets of the device and the framework's whole-CPU target `cpu`. */
  readonly targets: readonly TargetInfo[];
  /** Can `target` run op `opId` (kind and dtype)? The support table, not a cost. */
  supports(opId: number, target: string): boolean;
  /** Where the framework puts each op when the model is bound to `target` (fallbacks on `cpu`). */
  frameworkPlacement(target: string): readonly string[];
  /** Offline profile: time (ns) of one op alone on a target at nominal conditions. */
  offlineOpNs(opId: number, target: string): number;
}

export interface TargetInfo {
  readonly id: string;
  readonly kind: "cpu" | "gpu" | "dsp" | "npu";
}

/** Builds a policy from its scenario parameters. */
export type SchedulerFactory = (params: Readonly<Record<string, unknown>>) => Scheduler;
