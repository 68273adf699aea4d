import type { Decision } from "../sched/scheduler.ts";
import { plainDecisions } from "./plain-decisions.ts";
import type { PlannedRun } from "./plan-run.ts";
import { PlanRefusedError, PolicyError, policyNamed, type RunningPolicy } from "./policy-error.ts";
import { thrownMessage } from "./policy-value.ts";
import type { RunPolicy } from "./run-spec.ts";

/** The built policy as the runtime calls it, named for errors by its entry. */
export function policyCalls(choice: RunPolicy, run: PlannedRun): RunningPolicy {
  const { definition, policy } = run.built;
  return {
    id: definition.id,
    ...(choice.module === undefined ? {} : { module: choice.module }),
    ...(choice.entry === undefined ? {} : { entry: choice.entry }),
    stallAfterNs: run.stallAfterNs,
    replansFailures: definition.onDelegateFailure === "replan",
    decide: (view) => {
      let result: unknown;
      try {
        result = policy.decide(view);
      } catch (thrown) {
        // Described here, where describing is safe: what a policy throws may not even print.
        throw new Error(thrownMessage(thrown), { cause: thrown });
      }
      return plainDecisions(result) as readonly Decision[];
    },
    decisionCostNs: (work) => definition.decisionCostNs?.(work) ?? 0,
  };
}

/**
 * Planning a run: a policy that throws is a policy error at time 0. (The
 * loader plans every entry before any run, so a scenario that reaches here
 * has planned once already; only a policy that plans differently the
 * second time gets this far.)
 */
export function wrapPlanningError<Result>(choice: RunPolicy, plan: () => Result): Result {
  try {
    return plan();
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    throw new PlanRefusedError(policyNamed(choice), 0, `could not plan: ${thrownMessage(error)}`);
  }
}
