import { join } from "node:path";
import { SOCSIM_VERSION } from "../core/index.ts";
import { LineWriter } from "../metrics/line-writer.ts";
import type { Results, RunResult } from "../metrics/results.ts";
import { TraceWriter } from "../metrics/trace-writer.ts";
import { simulateRun } from "../runtime/simulate.ts";
import type { LoadedScenario } from "./load-scenario.ts";

export interface ExperimentOutcome {
  readonly results: Results;
  /** Kernel events fired over all runs. */
  readonly events: number;
  readonly opExecutions: number;
}

export interface ExperimentOptions {
  readonly seed: number;
  /** Folder for requests.jsonl and trace.json; nothing is streamed without it. */
  readonly outDir?: string;
  readonly trace: boolean;
  readonly onRunDone?: (done: number, total: number) => void;
}

/** Runs every scheduler the scenario lists, each on a fresh device from the same seed. */
export function runExperiment(
  scenario: LoadedScenario,
  options: ExperimentOptions,
): ExperimentOutcome {
  const requests = options.outDir
    ? new LineWriter(join(options.outDir, "requests.jsonl"))
    : undefined;
  const trace =
    options.outDir && options.trace
      ? new TraceWriter(join(options.outDir, "trace.json"))
      : undefined;
  const runs: RunResult[] = [];
  let events = 0;
  let opExecutions = 0;
  try {
    for (const choice of scenario.schedulers) {
      if (trace) trace.runLabel = choice.label;
      const outcome = simulateRun(scenario, choice, options.seed, { requests, trace });
      runs.push(outcome.result);
      events += outcome.result.events;
      opExecutions += outcome.opExecutions;
      options.onRunDone?.(runs.length, scenario.schedulers.length);
    }
  } finally {
    requests?.close();
    trace?.close();
  }
  const results: Results = {
    socsim: SOCSIM_VERSION,
    scenario: scenario.spec.name,
    seed: options.seed,
    soc: scenario.soc.id,
    simulated_s: scenario.spec.duration - scenario.spec.warmup,
    runs,
  };
  return { results, events, opExecutions };
}
