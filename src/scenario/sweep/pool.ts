import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { InputError } from "../../core/index.ts";
import type { RunOutcome, RunTask } from "./worker.ts";

/**
 * The worker is always the compiled one in dist/, from the sources as from
 * dist itself: worker threads run plain Node, which cannot load the
 * TypeScript sources.
 */
const WORKER = new URL("../../../dist/scenario/sweep/worker.js", import.meta.url);

/** Runs `tasks` on `jobs` worker threads; `onDone` hears each as it finishes, in any order. */
export async function runInPool(
  tasks: readonly RunTask[],
  jobs: number,
  onDone: (task: RunTask, outcome: RunOutcome) => void,
): Promise<void> {
  if (!existsSync(fileURLToPath(WORKER))) {
    throw new InputError(fileURLToPath(WORKER), "is missing: run `npm run build` (npm ci runs it)");
  }
  const pool = new Piscina<RunTask, RunOutcome>({
    filename: WORKER.href,
    minThreads: jobs,
    maxThreads: jobs,
    // One run at a time per thread: a run is single-threaded CPU work.
    concurrentTasksPerWorker: 1,
  });
  let stopped = false;
  const runOne = async (task: RunTask) => {
    try {
      const outcome = await pool.run(task);
      if (!stopped) onDone(task, outcome);
    } catch (error) {
      // The first failure ends the sweep: later completions are not recorded.
      stopped = true;
      throw error;
    }
  };
  try {
    await Promise.all(tasks.map(runOne));
  } finally {
    await pool.destroy();
  }
}
