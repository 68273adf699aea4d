import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { InputError } from "../../core/index.ts";
import type { CheckOutcome } from "./value-check.ts";
import type { CheckTask, RunOutcome, RunTask } from "./worker.ts";
import { setWorkerV8Flags } from "./worker-v8-flags.ts";

/**
 * The worker is always the compiled one in dist/, from the sources as from
 * dist itself: worker threads run plain Node, which cannot load the
 * TypeScript sources.
 */
const WORKER = new URL("../../../dist/scenario/sweep/worker.js", import.meta.url);

/** `jobs` worker threads (src/scenario/sweep/worker.ts), started once for a sweep's checks and runs. */
export class SweepPool {
  private readonly pool: Piscina;

  constructor(jobs: number) {
    if (!existsSync(fileURLToPath(WORKER))) {
      throw new InputError(
        fileURLToPath(WORKER),
        "is missing: run `npm run build` (npm ci runs it)",
      );
    }
    setWorkerV8Flags();
    this.pool = new Piscina({
      filename: WORKER.href,
      minThreads: jobs,
      maxThreads: jobs,
      // One task at a time per thread: a run is single-threaded CPU work.
      concurrentTasksPerWorker: 1,
    });
  }

  check(baseFile: string, axes: Readonly<Record<string, unknown>>): Promise<CheckOutcome> {
    const task: CheckTask = { baseFile, axes };
    return this.pool.run(task, { name: "checkSweepValue" }) as Promise<CheckOutcome>;
  }

  /** Runs `tasks`; `onDone` hears each as it finishes, in any order, until the first failure. */
  async runAll(
    tasks: readonly RunTask[],
    onDone: (task: RunTask, outcome: RunOutcome) => void,
  ): Promise<void> {
    let stopped = false;
    const runOne = async (task: RunTask) => {
      try {
        const outcome = (await this.pool.run(task)) as RunOutcome;
        if (!stopped) onDone(task, outcome);
      } catch (error) {
        // The first failure ends the sweep: later completions are not recorded.
        stopped = true;
        throw error;
      }
    };
    await Promise.all(tasks.map(runOne));
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
