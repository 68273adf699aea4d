import { keepPlannedRun } from "../runtime/kept-plans.ts";
import { AppPlanningError, planRun } from "../runtime/plan-run.ts";
import { PolicyError } from "../runtime/policy-error.ts";
import { thrownMessage } from "../runtime/policy-value.ts";
import type { RunPolicy, RunScenario } from "../runtime/run-spec.ts";

/** Why one scheduler entry cannot plan the workload, and which entry it is. */
export interface PlanningProblem {
  readonly schedulerIndex: number;
  readonly detail: string;
}

/**
 * Plans every app under every scheduler, as a run would before its first
 * event, so that a policy that cannot work on this SoC and framework
 * (`single-npu` where the framework drives no NPU) is an input error from
 * `validate` as from `run`. Each plan is kept for the scenario's first run
 * (src/runtime/kept-plans.ts). Returns the first problem, or undefined.
 */
export function planningProblem(
  scenario: RunScenario,
  seed: number,
  schedulers: readonly RunPolicy[],
): PlanningProblem | undefined {
  for (const [schedulerIndex, choice] of schedulers.entries()) {
    try {
      keepPlannedRun(scenario, choice, seed, planRun(scenario, choice, seed));
    } catch (error) {
      // A policy's bug (a plan that is no plan) is reported as one, not as a workload it cannot plan.
      if (error instanceof PolicyError) throw error;
      const detail =
        error instanceof AppPlanningError
          ? `${choice.label} ${error.message}`
          : `${choice.label} cannot plan this workload on ${scenario.soc.id}: ${messageOf(error)}`;
      return { schedulerIndex, detail };
    }
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return thrownMessage(error).split("\n")[0]!;
}
