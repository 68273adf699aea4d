import { join } from "node:path";
import { createContext, Script } from "node:vm";
import { SOCSIM_VERSION, secondsToNs } from "../core/index.ts";
import { LineWriter } from "../metrics/line-writer.ts";
import type { Results, RunResult } from "../metrics/results.ts";
import { type RunSeries, RunSeriesRecorder } from "../metrics/run-series.ts";
import { TraceWriter } from "../metrics/trace-writer.ts";
import { simulateInSteps } from "../runtime/simulate.ts";
import type { LoadedScenario } from "./load-scenario.ts";

export interface ExperimentOutcome {
  readonly results: Results;
  /** Kernel events fired over all runs. */
  readonly events: number;
  readonly opExecutions: number;
  /** Per scheduler, report.html's series; empty unless ExperimentOptions.series. */
  readonly series: readonly RunSeries[];
}

export interface ExperimentOptions {
  readonly seed: number;
  /** Folder for requests.jsonl and trace.json; nothing is streamed without it. */
  readonly outDir?: string;
  readonly trace: boolean;
  /** Simulated time the trace records, in ns of each run (default: all of it). */
  readonly traceWindow?: { readonly fromNs: number; readonly toNs: number };
  readonly onRunDone?: (done: number, total: number) => void;
  /** Record report.html's bounded series of each run. */
  readonly series?: boolean;
}

/** Runs every scheduler the scenario lists, each on a fresh device from the same seed. */
export function runExperiment(
  scenario: LoadedScenario,
  options: ExperimentOptions,
): ExperimentOutcome {
  const steps = experimentSteps(scenario, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * One synchronous stretch of a run (up to 100,000 events), run as a script
 * V8 stops on Ctrl-C (`breakOnSigint`): a policy looping forever inside one
 * call would otherwise never let the SIGINT handler run.
 */
const STEP = new Script("step()");

/**
 * `runExperiment` that lets Node's event loop turn every few milliseconds,
 * so that Ctrl-C and SIGTERM are heard during a long run (src/cli/interrupts.ts).
 */
export async function runExperimentInterruptibly(
  scenario: LoadedScenario,
  options: ExperimentOptions,
): Promise<ExperimentOutcome> {
  const steps = experimentSteps(scenario, options);
  const context = createContext({ step: () => steps.next() });
  for (;;) {
    let step: IteratorResult<void, ExperimentOutcome>;
    try {
      step = STEP.runInContext(context, { breakOnSigint: true });
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw error;
      // The stretch was stopped mid-way: hand Ctrl-C to its handler (which ends the process), if any.
      if (!process.emit("SIGINT", "SIGINT")) throw error;
      return new Promise<never>(() => {});
    }
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* experimentSteps(
  scenario: LoadedScenario,
  options: ExperimentOptions,
): Generator<void, ExperimentOutcome, void> {
  const requests = options.outDir
    ? new LineWriter(join(options.outDir, "requests.jsonl"))
    : undefined;
  const trace =
    options.outDir && options.trace
      ? new TraceWriter(join(options.outDir, "trace.json"), options.traceWindow)
      : undefined;
  const runs: RunResult[] = [];
  const series: RunSeries[] = [];
  let events = 0;
  let opExecutions = 0;
  try {
    for (const choice of scenario.schedulers) {
      if (trace) trace.runLabel = choice.label;
      const recorder = options.series
        ? new RunSeriesRecorder(
            scenario.workload.apps.map((app) => app.name),
            secondsToNs(scenario.spec.warmup),
            secondsToNs(scenario.spec.duration),
          )
        : undefined;
      const outcome = yield* simulateInSteps(scenario, choice, options.seed, {
        requests,
        trace,
        ...(recorder && { series: recorder }),
      });
      runs.push(outcome.result);
      if (outcome.series) series.push(outcome.series);
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
  return { results, events, opExecutions, series };
}
