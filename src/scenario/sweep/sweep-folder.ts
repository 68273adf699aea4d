import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError, SOCSIM_VERSION } from "../../core/index.ts";
import { checkOutDir, checkOutLocation, describe } from "../output/check-out-dir.ts";
import { asFileInputError } from "../output/file-errors.ts";
import { MARKER_FILE, readMarker, writeMarker } from "../output/marker.ts";
import { takeLock } from "../write-outputs.ts";
import type { LoadedSweep } from "./load-sweep.ts";
import { readResultsFile } from "./results-file.ts";
import { RUN_ID } from "./run-id.ts";
import type { Shard } from "./shard.ts";

export const SWEEP_FILE = "sweep.json";
export const RESULTS_FILE = "results.jsonl";
export const RUNS_FOLDER = "runs";
export const REPORT_FILE = "report.md";
export const REPORT_HTML_FILE = "report.html";
const ENTRIES = [SWEEP_FILE, RESULTS_FILE, RUNS_FOLDER, REPORT_FILE, REPORT_HTML_FILE];
/** A run folder being written: `runs/.<id>.partial-<pid>`; only a finished run gets its id as name. */
const PARTIAL_RUN = /^\.[0-9a-f]{12}\.partial-\d+$/;
/** sweep.json or a report being replaced (writeTextAtomically). */
const PARTIAL_FILE = /^(sweep\.json|report\.md|report\.html)\.partial-\d+$/;

/** What sweep.json records: which sweep (and slice of it) a folder holds. */
export interface SweepRecord {
  readonly sweep: string;
  readonly socsim: string;
  readonly identity: string;
  readonly shard: string | null;
  /** Every run this folder is to hold, finished or not. */
  readonly runs: readonly string[];
}

/**
 * A sweep's output folder. Unlike a run's, it is filled in place, one run
 * at a time, so that a killed sweep keeps what it finished: a run's folder
 * is written under a temporary name and renamed, then its line is appended
 * to results.jsonl, and only runs with a line count as done. Opening the
 * folder takes the lock beside it (as `run` does), discards what a killed
 * process left half-written and refuses a folder of another sweep.
 */
export class SweepFolder {
  private released = false;

  private constructor(
    readonly outDir: string,
    private readonly lockFile: string,
    /** Ids with a line in results.jsonl. */
    readonly done: ReadonlySet<string>,
  ) {}

  static open(
    requested: string,
    sweep: LoadedSweep,
    shard: Shard | undefined,
    runIds: readonly string[],
  ): SweepFolder {
    const outDir = checkOutLocation(requested, sweep.inputs);
    if (lstatSync(outDir, { throwIfNoEntry: false })?.isSymbolicLink()) {
      // Its target would be locked under another name: two sweeps could fill one folder.
      throw new InputError(
        outDir,
        "cannot be used for output: it is a symbolic link (name the folder itself)",
      );
    }
    const parent = dirname(outDir);
    const lockFile = join(parent, `.${basename(outDir)}.socsim-lock`);
    try {
      mkdirSync(parent, { recursive: true });
      takeLock(lockFile, outDir);
    } catch (error) {
      throw asFileInputError(error, parent, "create the sweep folder's lock beside it");
    }
    try {
      const record: SweepRecord = {
        sweep: sweep.name,
        socsim: SOCSIM_VERSION,
        identity: sweep.identity,
        shard: shard === undefined ? null : `${shard.index}/${shard.count}`,
        runs: runIds,
      };
      const done = isSweepFolder(outDir) ? resume(outDir, record) : start(outDir, sweep.inputs);
      mkdirSync(join(outDir, RUNS_FOLDER), { recursive: true });
      if (!existsSync(join(outDir, RESULTS_FILE))) writeFileSync(join(outDir, RESULTS_FILE), "");
      // Written last: a folder without sweep.json never ran anything (see resume).
      writeJsonAtomically(join(outDir, SWEEP_FILE), record);
      return new SweepFolder(outDir, lockFile, done);
    } catch (error) {
      rmSync(lockFile, { force: true });
      throw asFileInputError(error, outDir, "prepare the sweep folder");
    }
  }

  get resultsFile(): string {
    return join(this.outDir, RESULTS_FILE);
  }

  /** Where a worker writes run `id` until it is done. */
  partialRunDir(id: string): string {
    return join(this.outDir, RUNS_FOLDER, `.${id}.partial-${process.pid}`);
  }

  /** Gives a finished run's folder its name (replacing one a killed process renamed but never recorded). */
  finishRunDir(id: string): void {
    const final = join(this.outDir, RUNS_FOLDER, id);
    rmSync(final, { recursive: true, force: true });
    renameSync(this.partialRunDir(id), final);
  }

  /** Removes the run folders this process had not finished and releases the lock; finished runs stay. Synchronous: a signal handler calls it. */
  release(): void {
    if (this.released) return;
    this.released = true;
    const runs = join(this.outDir, RUNS_FOLDER);
    for (const entry of existsSync(runs) ? readdirSync(runs) : []) {
      if (entry.endsWith(`.partial-${process.pid}`))
        rmSync(join(runs, entry), { recursive: true, force: true });
    }
    rmSync(this.lockFile, { force: true });
  }
}

/** The marker is written first, listing every entry a sweep folder may hold, so a killed start is still recognised. */
function isSweepFolder(outDir: string): boolean {
  return readMarker(outDir)?.has(SWEEP_FILE) === true;
}

/** A new sweep folder, in place of nothing, an empty folder or an earlier socsim output of plain files. */
function start(outDir: string, inputs: readonly string[]): Set<string> {
  const state = checkOutDir(outDir, inputs);
  if (state.kind === "earlier-output") {
    for (const entry of state.entries) unlinkSync(join(outDir, entry));
  }
  mkdirSync(outDir, { recursive: true });
  writeMarker(outDir, ENTRIES);
  return new Set();
}

/** The finished runs of an earlier sweep into this folder, after checking it is this sweep's. */
function resume(outDir: string, record: SweepRecord): Set<string> {
  const refuse = (why: string) => new InputError(outDir, `cannot resume the sweep here: ${why}`);
  for (const entry of readdirSync(outDir)) {
    if (PARTIAL_FILE.test(entry)) rmSync(join(outDir, entry), { force: true });
  }
  const foreign = readdirSync(outDir).filter(
    (entry) => entry !== MARKER_FILE && !ENTRIES.includes(entry),
  );
  if (foreign.length > 0)
    throw refuse(`it holds files socsim did not write (${describe(foreign)})`);
  const runs = join(outDir, RUNS_FOLDER);
  if (!existsSync(join(outDir, SWEEP_FILE))) {
    // Killed while starting, before any run: start again.
    rmSync(runs, { recursive: true, force: true });
    rmSync(join(outDir, RESULTS_FILE), { force: true });
    return new Set();
  }
  const earlier = readRecord(join(outDir, SWEEP_FILE));
  if (earlier === undefined) throw refuse(`${SWEEP_FILE} is unreadable`);
  if (earlier.sweep !== record.sweep)
    throw refuse(`it holds sweep "${earlier.sweep}", not "${record.sweep}"`);
  if (earlier.socsim !== record.socsim) {
    throw refuse(
      `it was written by socsim ${earlier.socsim}, this is ${record.socsim}; use a new --out`,
    );
  }
  if (earlier.shard !== record.shard) {
    throw refuse(
      `it holds shard ${earlier.shard ?? "none (the whole sweep)"}, this is ${record.shard ?? "the whole sweep"}`,
    );
  }
  if (earlier.identity !== record.identity) {
    throw refuse(
      "an input file changed since it was written (scenario, workload, SoC, model, policy or trace); use a new --out",
    );
  }
  const now = new Set(record.runs);
  const dropped = earlier.runs.filter((id) => !now.has(id));
  if (dropped.length > 0) {
    throw refuse(
      `the sweep file no longer lists ${dropped.length} of its runs (only adding runs resumes); use a new --out`,
    );
  }
  mkdirSync(runs, { recursive: true });
  const strays = readdirSync(runs).filter(
    (entry) => !RUN_ID.test(entry) && !PARTIAL_RUN.test(entry),
  );
  if (strays.length > 0)
    throw refuse(`${runs} holds files socsim did not write (${describe(strays)})`);
  const done = new Set(
    readResultsFile(join(outDir, RESULTS_FILE), true).map(({ line }) => line.id),
  );
  // The lock is ours, so a run folder with no line was left by a killed process: run it again.
  const unrecorded = readdirSync(runs).filter((entry) => !done.has(entry));
  const foreignRuns = unrecorded.filter((entry) => !holdsOnlyRunFiles(join(runs, entry)));
  if (foreignRuns.length > 0)
    throw refuse(`${runs} holds folders socsim did not write (${describe(foreignRuns)})`);
  for (const entry of unrecorded) rmSync(join(runs, entry), { recursive: true, force: true });
  rmSync(join(outDir, REPORT_FILE), { force: true });
  rmSync(join(outDir, REPORT_HTML_FILE), { force: true });
  return done;
}

/** What a worker writes into a run's folder (worker.ts, experiment.ts). */
const RUN_FILES = new Set(["results.json", "run.json", "requests.jsonl", "trace.json"]);

/** A folder of plain files a run writes, and nothing else. */
function holdsOnlyRunFiles(folder: string): boolean {
  if (!lstatSync(folder).isDirectory()) return false;
  return readdirSync(folder, { withFileTypes: true }).every(
    (entry) => entry.isFile() && RUN_FILES.has(entry.name),
  );
}

export function readRecord(file: string): SweepRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as Partial<SweepRecord>;
    if (typeof record.identity !== "string" || !Array.isArray(record.runs)) return undefined;
    return record as SweepRecord;
  } catch {
    return undefined;
  }
}

export function writeJsonAtomically(file: string, value: unknown): void {
  writeTextAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function writeTextAtomically(file: string, text: string): void {
  const temporary = `${file}.partial-${process.pid}`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
