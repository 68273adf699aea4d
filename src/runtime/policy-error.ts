import type { Decision } from "../sched/scheduler.ts";
import type { SchedulerView } from "../sched/view.ts";
import { describeValue } from "./policy-value.ts";
import type { RunPolicy } from "./run-spec.ts";

/** The policy as the runtime runs it: its calls, its costs, and what to name it by in an error. */
export interface RunningPolicy {
  readonly id: string;
  /** The user's module file, when the policy came from one. */
  readonly module?: string;
  /** Where its scheduler entry is written. */
  readonly entry?: RunPolicy["entry"];
  readonly stallAfterNs: number;
  /** Whether a unit whose delegate failed goes back to the policy (else it falls back to the CPU). */
  readonly replansFailures?: boolean;
  decide(view: SchedulerView): readonly Decision[];
  /** Simulated CPU time (ns) of one call that counted `work`. */
  decisionCostNs(work: number): number;
}

/**
 * A policy bug: a decision the runtime refuses, an exception, a result that
 * is not a list, or a stall. It names the policy, its module, the call's
 * simulated time and the decision, so the CLI can point at the scheduler
 * entry (exit 1 for a user's module, 3 for a built-in policy).
 */
export class PolicyError extends Error {
  override readonly name: string = "PolicyError";

  constructor(
    readonly policy: {
      readonly id: string;
      readonly module?: string;
      readonly entry?: RunPolicy["entry"];
    },
    readonly timeNs: number,
    readonly what: string,
    readonly decision?: Decision,
  ) {
    const module = policy.module === undefined ? "" : ` (${policy.module})`;
    const decided = decision === undefined ? "" : `; decision ${describeValue(decision)}`;
    super(`${policy.id}${module} at ${timeNs / 1e6} ms ${what}${decided}`);
  }

  /** A user's module is input: its error points at the scheduler entry (FILE:LINE:COL). */
  get userPlace(): string | undefined {
    const entry = this.policy.entry;
    if (this.policy.module === undefined || entry === undefined) return undefined;
    const at = entry.position === undefined ? "" : `:${entry.position.line}:${entry.position.col}`;
    return `${entry.file}${at}`;
  }
}

/** How an error names a scheduler entry's policy. */
export function policyNamed(choice: RunPolicy): PolicyError["policy"] {
  return {
    id: choice.name,
    ...(choice.module === undefined ? {} : { module: choice.module }),
    ...(choice.entry === undefined ? {} : { entry: choice.entry }),
  };
}

/** A policy that cannot plan the scenario: an input problem of the scenario more than a bug of the run. */
export class PlanRefusedError extends PolicyError {
  override readonly name: string = "PlanRefusedError";
}
