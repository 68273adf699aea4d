import { availableParallelism } from "node:os";
import { join } from "node:path";
import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import cliProgress from "cli-progress";
import { InputError, SOCSIM_VERSION } from "../../core/index.ts";
import { preloadRenderer } from "../../report/render-svg.ts";
import { sweepReportHtml } from "../../report/report-pages.ts";
import { asFileInputError } from "../../scenario/output/file-errors.ts";
import { checkSweepValues, type ReadSweep, readSweep } from "../../scenario/sweep/load-sweep.ts";
import { SweepPool } from "../../scenario/sweep/pool.ts";
import { formatLine, ResultsAppender, readResultsFile } from "../../scenario/sweep/results-file.ts";
import {
  inShard,
  parseShard,
  type Shard,
  shardFromEnvironment,
} from "../../scenario/sweep/shard.ts";
import {
  REPORT_FILE,
  REPORT_HTML_FILE,
  SweepFolder,
  writeTextAtomically,
} from "../../scenario/sweep/sweep-folder.ts";
import { sweepReportMarkdown } from "../../scenario/sweep/sweep-report.ts";
import type { RunTask } from "../../scenario/sweep/worker.ts";
import { cleanUpOnInterrupt } from "../interrupts.ts";
import { parseOutFolder } from "../options.ts";

export function addSweepCommand(program: Command): void {
  program
    .command("sweep")
    .description("run the runs a sweep file names in parallel workers, resuming a killed sweep")
    .argument("<sweep>", "sweep YAML file (kind: sweep)")
    .option(
      "--out <dir>",
      "output folder (default: socsim-out/<sweep name>/, with -shard-I-of-N for a shard)",
      parseOutFolder,
    )
    .option("--jobs <n>", "worker threads (default: the number of cores)", parseJobs)
    .option(
      "--shard <i/n>",
      "run only shard I of N (default: from Slurm array or Kubernetes indexed-job variables)",
    )
    .option("--trace", "write each run's trace.json (off by default)")
    .option("--quiet", "print nothing but errors")
    .action(async (sweepFile, options) => {
      const shard =
        options.shard === undefined ? shardFromEnvironment(process.env) : parseShard(options.shard);
      // The pool starts once, first, so that the workers load their modules while this
      // thread reads the sweep; it checks every distinct value in parallel, then runs the runs.
      const pool = new SweepPool(options.jobs ?? availableParallelism());
      try {
        await sweepWith(pool, readSweep(sweepFile), shard, options);
      } finally {
        await pool.destroy();
      }
    });
}

/**
 * Checks the sweep's values, claims its folder and runs what it is missing,
 * recording each run as it ends; returns the folder (`socsim reproduce`
 * runs its findings through this too).
 */
export async function sweepWith(
  pool: SweepPool,
  read: ReadSweep,
  shard: Shard | undefined,
  options: { out?: string; trace?: true; quiet?: true },
): Promise<string> {
  const sweep = await checkSweepValues(read, (baseFile, axes) => pool.check(baseFile, axes));
  const runs = sweep.runs.filter((run) => shard === undefined || inShard(run.id, shard));
  const defaultOut =
    shard === undefined ? sweep.name : `${sweep.name}-shard-${shard.index}-of-${shard.count}`;
  const folder = SweepFolder.open(
    options.out ?? join("socsim-out", defaultOut),
    sweep,
    shard,
    runs.map((run) => run.id),
  );
  let interrupted = false;
  const stopListening = cleanUpOnInterrupt(
    async () => {
      interrupted = true;
      // A worker still running would go on writing the run folder release() removes.
      await pool.destroy();
      folder.release();
    },
    `finished runs are kept in ${folder.outDir}; the same command resumes the sweep`,
    () => folder.release(),
  );
  const pending = runs.filter((run) => !folder.done.has(run.id));
  const showProgress = !options.quiet && process.stderr.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "{bar} {value}/{total} runs | {duration_formatted} | ETA {eta_formatted}",
      etaBuffer: 20,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const appender = new ResultsAppender(folder.resultsFile);
  // This thread waits while the runs run: it loads the report's renderer meanwhile, not after them.
  preloadRenderer();
  try {
    if (showProgress) bar.start(runs.length, runs.length - pending.length);
    const tasks: RunTask[] = pending.map((run) => ({
      baseFile: sweep.baseFile,
      axes: run.axes,
      runDir: folder.partialRunDir(run.id),
      trace: options.trace === true,
    }));
    const ids = new Map(tasks.map((task, index) => [task, pending[index]!.id]));
    const ran = pool.runAll(tasks, (task, outcome) => {
      const id = ids.get(task)!;
      if ("inputError" in outcome) {
        throw new InputError(
          sweep.file,
          `run ${id} (${JSON.stringify(task.axes)}): ${outcome.inputError}`,
        );
      }
      folder.finishRunDir(id);
      const line = { sweep: sweep.name, id, axes: task.axes, socsim: SOCSIM_VERSION };
      appender.append(formatLine({ ...line, host: outcome.host }, outcome.resultsJson));
      if (showProgress) bar.increment();
    });
    // Stopping the workers on an interrupt fails the runs left: the interrupt handler ends the process.
    await ran.catch((error) =>
      interrupted ? new Promise<never>(() => {}) : Promise.reject(error),
    );
    if (showProgress) bar.stop();
    const lines = readResultsFile(folder.resultsFile, false).map(({ line }) => line);
    writeTextAtomically(join(folder.outDir, REPORT_FILE), sweepReportMarkdown(sweep.name, lines));
    writeTextAtomically(
      join(folder.outDir, REPORT_HTML_FILE),
      await sweepReportHtml(sweep.name, lines),
    );
  } catch (error) {
    throw asFileInputError(error, folder.outDir, "write the sweep's results");
  } finally {
    if (showProgress) bar.stop();
    appender.close();
    folder.release();
    stopListening();
  }
  if (!options.quiet) {
    const slice = shard === undefined ? "" : ` (shard ${shard.index}/${shard.count})`;
    process.stderr.write(
      `socsim: ${runs.length} runs${slice}, ${pending.length} run now, results in ${folder.outDir}\n`,
    );
  }
  return folder.outDir;
}

export function parseJobs(text: string): number {
  const jobs = Number(text);
  if (!/^\d+$/.test(text) || jobs < 1 || jobs > 1024) {
    throw new InvalidArgumentError("expected a number of workers from 1 to 1024");
  }
  return jobs;
}
