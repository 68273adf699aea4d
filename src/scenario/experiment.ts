import { SOCSIM_VERSION } from "../core/index.ts";
import type { Results, RunResult } from "../metrics/results.ts";
import { type SchedulerChoice, simulateRun } from "../runtime/simulate.ts";
import type { LoadedScenario } from "./load-scenario.ts";

export interface ExperimentOutcome {
  readonly results: Results;
  /** Kernel events fired over all runs. */
  readonly events: number;
}

export function schedulerChoices(scenario: LoadedScenario): SchedulerChoice[] {
  return scenario.spec.schedulers.map((entry) =>
    typeof entry === "string"
      ? { name: entry, params: {} }
      : { name: entry.name, params: entry.params },
  );
}

/** Runs every scheduler the scenario lists, each on a fresh device from the same seed. */
export function runExperiment(
  scenario: LoadedScenario,
  seed: number,
  onRunDone?: (done: number, total: number) => void,
): ExperimentOutcome {
  const choices = schedulerChoices(scenario);
  const runs: RunResult[] = [];
  let events = 0;
  for (const choice of choices) {
    const run = simulateRun(scenario, choice, seed);
    runs.push(run);
    events += run.events;
    onRunDone?.(runs.length, choices.length);
  }
  const results: Results = {
    socsim: SOCSIM_VERSION,
    scenario: scenario.spec.name,
    seed,
    soc: scenario.spec.soc,
    simulated_s: scenario.spec.duration - scenario.spec.warmup,
    runs,
  };
  return { results, events };
}
