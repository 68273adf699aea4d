import type { PlanUnit } from "./plan.ts";

/**
 * The monitor a policy sees at decision time: processor states, the ready
 * units, and a profiler. Each call gets its own plain-data copy, so nothing
 * a policy holds reaches the live device. Nothing here reaches the device's
 * cost model either: predictions come from the offline profile (each op
 * priced once, alone, at nominal conditions) corrected by observed
 * completions.
 */

export interface ProcessorState {
  readonly id: string;
  readonly kind: string;
  readonly frequencyHz: number;
  readonly temperatureC: number;
  /** Jobs running or queued on the processor. */
  readonly queueLength: number;
  readonly busy: boolean;
  /** Microarchitecture family from the SoC file. */
  readonly family: string;
  readonly maxFrequencyHz: number;
  /** The highest frequency the thermal trips allow now. */
  readonly thermalCapHz: number;
  /** The lowest trip temperature of this processor above its temperature now; null when none is left. */
  readonly nextTripC: number | null;
  /** Share of the policy's utilisation window the processor was busy, in [0, 1]. */
  readonly busyFraction: number;
  /** Units this policy has running or queued here (from the runtime's own books). */
  readonly policyJobs: number;
  /**
   * Predicted time until this policy's jobs here are done: their runtime
   * profile minus the time they have run, never the device's remaining work.
   */
  readonly predictedDrainNs: number;
}

export interface ReadyUnit {
  readonly requestId: number;
  readonly appIndex: number;
  readonly unit: PlanUnit;
  readonly arrivalNs: number;
  /** Arrival + SLO, or Infinity without an SLO. */
  readonly deadlineNs: number;
  readonly priority: number;
  /** True when this is the request's first unit. */
  readonly first: boolean;
  /** Targets holding this unit's inputs (empty for a request's first unit: its input is on the CPU). */
  readonly inputsAt: readonly string[];
  /** The target whose delegate failed this unit's last invocation (`what_if.unavailable`; policies that `replan`), else null. */
  readonly failedOn: string | null;
}

export interface Profiler {
  /** Predicted time (ns) of a unit under one of its options: the runtime profile once observed, else the offline one. */
  predictNs(appIndex: number, unit: PlanUnit, option: number): number;
  /** The offline profile of a unit's option (isolated, nominal conditions): never updated. */
  offlineNs(appIndex: number, unit: PlanUnit, option: number): number;
  /** Time (ns) to move `bytes` between two targets, synchronisation included. */
  transferNs(from: string, to: string, bytes: number): number;
}

export interface SchedulerView {
  readonly nowNs: number;
  readonly processors: readonly ProcessorState[];
  /** Ready units in the order they became ready. */
  readonly ready: readonly ReadyUnit[];
  /** Requests of each app that have started and not finished. */
  readonly runningRequests: readonly number[];
  readonly profiler: Profiler;
  /** Counts decision work (predictor queries, candidates tried): the policy's `decisionCostNs` prices it. */
  countWork(amount: number): void;
}
