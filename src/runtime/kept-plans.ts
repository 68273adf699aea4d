import type { PlannedRun } from "./plan-run.ts";
import type { RunPolicy, RunScenario } from "./run-spec.ts";

/**
 * Plans the loader made while checking a scenario (every entry is planned
 * once before any run, so that a policy that cannot plan is an input
 * error), kept for the scenario's first run of that entry with the same
 * seed instead of planning it again: a sweep run planned every entry twice.
 * A plan is handed out once, since its policy instance then runs; any
 * other run of the scenario, or of a copy of it, plans afresh.
 */
const kept = new WeakMap<RunScenario, Map<RunPolicy, { seed: number; run: PlannedRun }>>();

export function keepPlannedRun(
  scenario: RunScenario,
  choice: RunPolicy,
  seed: number,
  run: PlannedRun,
): void {
  let plans = kept.get(scenario);
  if (plans === undefined) {
    plans = new Map();
    kept.set(scenario, plans);
  }
  plans.set(choice, { seed, run });
}

/** The kept plan of this scenario, entry and seed, removed as it is handed out; undefined when there is none. */
export function takePlannedRun(
  scenario: RunScenario,
  choice: RunPolicy,
  seed: number,
): PlannedRun | undefined {
  const plans = kept.get(scenario);
  const plan = plans?.get(choice);
  if (plan === undefined || plan.seed !== seed) return undefined;
  plans!.delete(choice);
  return plan.run;
}
