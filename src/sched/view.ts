import type { PlanUnit } from "./plan.ts";

/**
 * The read-only monitor a policy sees at decision time: processor states,
 * the ready units, and a profiler. Nothing here reaches the device's cost
 * model: predictions come from the offline profile (each op priced once,
 * alone, at nominal conditions) corrected by observed completions.
 */

export interface ProcessorState {
  readonly id: string;
  readonly kind: string;
  readonly frequencyHz: number;
  readonly temperatureC: number;
  /** Jobs running or queued on the processor. */
  readonly queueLength: number;
  readonly busy: boolean;
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
}

export interface Profiler {
  /** Predicted time (ns) of a unit under one of its options, alone on the device. */
  predictNs(appIndex: number, unit: PlanUnit, option: number): number;
}

export interface SchedulerView {
  readonly nowNs: number;
  readonly processors: readonly ProcessorState[];
  /** Ready units in the order they became ready. */
  readonly ready: readonly ReadyUnit[];
  /** Requests of each app that have started and not finished. */
  readonly runningRequests: readonly number[];
  readonly profiler: Profiler;
}
