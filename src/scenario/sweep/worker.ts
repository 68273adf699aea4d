import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { InputError, SOCSIM_VERSION } from "../../core/index.ts";
import { PolicyError } from "../../runtime/runtime.ts";
import { runExperiment } from "../experiment.ts";
import { asFileInputError } from "../output/file-errors.ts";
import { AxisPathError, loadSweepRun } from "./sweep-run.ts";
import { type CheckOutcome, checkAxisValues } from "./value-check.ts";

// In a worker thread process.exit ends the thread, which the pool can only report as a crash; a
// user's policy module may call it, so here it throws instead, and the policy's call fails as any
// exception from a policy does (a PolicyError at its scheduler entry). socsim itself never calls it here.
process.exit = ((code?: number | string | null) => {
  throw new Error(`called process.exit(${code ?? ""}), which a policy must not`);
}) as typeof process.exit;

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
    // A user's policy module is input, as `socsim run` reports it (src/cli/exit.ts).
    if (error instanceof PolicyError && error.userPlace !== undefined)
      return { inputError: `${error.userPlace}: policy error: ${error.message}` };
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
