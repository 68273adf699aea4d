import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { InputError, SOCSIM_VERSION } from "../../core/index.ts";
import { runExperiment } from "../experiment.ts";
import { asFileInputError } from "../output/file-errors.ts";
import { AxisPathError, loadSweepRun } from "./sweep-run.ts";
import { type CheckOutcome, checkAxisValues } from "./value-check.ts";

/** A set of axis values to check before the sweep starts (the sweep's validation, spread over the pool). */
export interface CheckTask {
  readonly baseFile: string;
  readonly axes: Readonly<Record<string, unknown>>;
}

export function checkSweepValue(task: CheckTask): Promise<CheckOutcome> {
  return checkAxisValues(task.baseFile, task.axes);
}

/** What the sweep asks a worker to do: one run, its outputs into `runDir`. */
export interface RunTask {
  readonly baseFile: string;
  readonly axes: Readonly<Record<string, unknown>>;
  readonly runDir: string;
  readonly trace: boolean;
}

export type RunOutcome =
  | { readonly resultsJson: string; readonly host: Record<string, unknown> }
  /** An input error of this combination of values (each value alone was checked before the sweep started). */
  | { readonly inputError: string };

/** A pool worker (piscina): loads the run's scenario, runs every scheduler, writes the run's folder (results.json, run.json, requests.jsonl, trace.json when asked). */
export default async function runSweepTask(task: RunTask): Promise<RunOutcome> {
  const started = performance.now();
  let scenario: Awaited<ReturnType<typeof loadSweepRun>>;
  try {
    scenario = await loadSweepRun(task.baseFile, task.axes);
  } catch (error) {
    if (error instanceof InputError) return { inputError: error.describe() };
    // Values that reach no field only together (an app of one workload, set while another is swept).
    if (error instanceof AxisPathError) return { inputError: `no such field: ${error.message}` };
    throw error;
  }
  try {
    return writeRun(task, scenario, started);
  } catch (error) {
    const input = asFileInputError(error, task.runDir, "write the run's folder");
    if (input instanceof InputError) return { inputError: input.describe() };
    throw error;
  }
}

function writeRun(
  task: RunTask,
  scenario: Awaited<ReturnType<typeof loadSweepRun>>,
  started: number,
): RunOutcome {
  mkdirSync(task.runDir, { recursive: true });
  const outcome = runExperiment(scenario, {
    seed: scenario.spec.seed,
    outDir: task.runDir,
    trace: task.trace,
  });
  const ended = performance.now();
  const host = {
    wall_s: (ended - started) / 1000,
    // When the run started and ended (ms since the Unix epoch): how long a sweep's runs took together, start-up and report aside.
    started_ms: Math.round(performance.timeOrigin + started),
    ended_ms: Math.round(performance.timeOrigin + ended),
    events: outcome.events,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    worker: threadId,
  };
  const resultsJson = JSON.stringify(outcome.results);
  writeFileSync(join(task.runDir, "results.json"), `${JSON.stringify(outcome.results, null, 2)}\n`);
  writeFileSync(
    join(task.runDir, "run.json"),
    `${JSON.stringify({ socsim: SOCSIM_VERSION, ...host }, null, 2)}\n`,
  );
  return { resultsJson, host };
}
