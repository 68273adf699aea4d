import type { PlannedRun } from "./plan-run.ts";
import { PlanRefusedError, PolicyError, policyNamed, type RunningPolicy } from "./policy-error.ts";
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
    decide: (view) => policy.decide(view),
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
    throw new PlanRefusedError(
      policyNamed(choice),
      0,
      `could not plan: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
