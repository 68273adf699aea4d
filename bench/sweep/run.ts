/**
 * bench/sweep: how a sweep scales with workers. Writes a sweep of N short
 * runs (default 200: the seed-trio workload on the Snapdragon 855 under
 * single-gpu for 0.3 s, one run per seed) and times the built CLI,
 * `socsim sweep --jobs J`, for each J asked (default 1 and 2), each into a
 * fresh folder, `--rounds R` times alternating the J (default 3; medians
 * are printed).
 *
 * Two scalings are printed. The wall-clock one times the whole process
 * (reading and checking the sweep, the pool's start-up, the runs and the
 * report): what a user waits. The runs-only one times the runs phase, from
 * the first run's start to the last run's end (each run's `host.started_ms`
 * and `ended_ms`): by then every worker has loaded its modules and checked
 * values, so this is the scaling with the pool's start-up amortised. The
 * later half's, from the start of the run started (N/2)-th to the last
 * run's end, also leaves out each worker's first runs, while V8 compiles
 * the simulator in that worker's isolate: the rate a long sweep settles at.
 *
 * CPU time is reported beside wall time, since other processes sharing the
 * cores disturb it far less: the whole process's (every thread, as it
 * reports at exit), its main thread's, and on Linux the split between the
 * threads V8 starts with the process (garbage collection and optimising
 * compilation) and those started later (the pool's workers).
 * `npm run bench:sweep [-- --runs N] [-- --jobs 1,2] [-- --rounds R]
 * [-- --duration "1 s"]` (each run's simulated time, 0.3 s by default).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "../../src/core/index.ts";
import { writeShortSweep } from "./short-sweep.ts";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : (args[at + 1] ?? fallback);
};
const runs = Number(flag("--runs", "200"));
const jobsList = flag("--jobs", "1,2").split(",").map(Number);
const rounds = Number(flag("--rounds", "3"));
const duration = flag("--duration", "300 ms");

const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), "socsim-bench-sweep-"));
writeShortSweep(folder, runs, duration);

/**
 * Preloaded into the measured process: at exit it writes on fd 3 its CPU
 * time and, where /proc has them, each thread's CPU seconds (utime + stime,
 * clock ticks of 1/100 s) and whether the thread was there before the CLI
 * started. The threads are read every 200 ms too, since the pool's workers
 * are gone by the time the process exits (they idle while the report is
 * written, so the last reading misses little of theirs); reading more often
 * would add its own cost to the main thread's figure.
 */
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(`
import { existsSync, readdirSync, readFileSync, writeSync } from "node:fs";
const TASKS = "/proc/self/task";
const threads = new Map();
const early = new Set(existsSync(TASKS) ? readdirSync(TASKS) : []);
const poll = () => {
  if (!existsSync(TASKS)) return;
  for (const tid of readdirSync(TASKS)) {
    try {
      const stat = readFileSync(TASKS + "/" + tid + "/stat", "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      threads.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {}
  }
};
setInterval(poll, 200).unref();
process.on("exit", () => {
  poll();
  const list = [...threads].map(([tid, cpu]) => ({ main: tid === String(process.pid), early: early.has(tid), cpu }));
  writeSync(3, JSON.stringify({ usage: process.cpuUsage(), threads: list }));
});
`)}`;

interface Measure {
  readonly wall: number;
  /** First run's start to last run's end. */
  readonly runsPhase: number;
  /** The later half's start (the run started (N/2)-th) to the last run's end: every worker long warmed up. */
  readonly laterHalf: number;
  readonly medianRun: number;
  readonly cpu: number;
  readonly mainCpu: number | undefined;
  /** Threads there before the CLI started, the main one aside: V8's garbage collection and compiler threads. */
  readonly v8Cpu: number | undefined;
  /** Threads started later: the pool's workers (and libuv's, if any). */
  readonly laterCpu: number | undefined;
}

function measure(jobs: number, round: number): Measure {
  const out = join(folder, `out-${jobs}-${round}`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ["--import", REPORT_CPU, BIN, "sweep", "sweep.yaml", "--out", out, "--jobs", String(jobs)],
    { cwd: folder, encoding: "utf8", stdio: ["ignore", "ignore", "pipe", "pipe"] },
  );
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`socsim sweep --jobs ${jobs} failed: ${result.stderr}`);
  const report = JSON.parse(String(result.output[3])) as {
    usage: { user: number; system: number };
    threads: { main: boolean; early: boolean; cpu: number }[];
  };
  const hosts = readFileSync(join(out, "results.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map(
      (line) =>
        (JSON.parse(line) as { host: { wall_s: number; started_ms: number; ended_ms: number } })
          .host,
    );
  rmSync(out, { recursive: true, force: true });
  const starts = hosts.map((host) => host.started_ms).sort((a, b) => a - b);
  const lastEnd = Math.max(...hosts.map((host) => host.ended_ms));
  const sum = (kind: (thread: { main: boolean; early: boolean }) => boolean) =>
    report.threads.length === 0
      ? undefined
      : report.threads.filter(kind).reduce((total, thread) => total + thread.cpu, 0);
  return {
    wall,
    runsPhase: (lastEnd - starts[0]!) / 1000,
    laterHalf: (lastEnd - starts[Math.floor(starts.length / 2)]!) / 1000,
    medianRun: median(hosts.map((host) => host.wall_s)),
    cpu: (report.usage.user + report.usage.system) / 1e6,
    mainCpu: sum((thread) => thread.main),
    v8Cpu: sum((thread) => !thread.main && thread.early),
    laterCpu: sum((thread) => !thread.early),
  };
}

const measured = new Map<number, Measure[]>(jobsList.map((jobs) => [jobs, []]));
for (let round = 0; round < rounds; round++) {
  for (const jobs of jobsList) measured.get(jobs)!.push(measure(jobs, round));
}
rmSync(folder, { recursive: true, force: true });

const mid = (jobs: number, field: keyof Measure) => {
  const values = measured.get(jobs)!.map((one) => one[field]);
  return values.includes(undefined) ? undefined : median(values as number[]);
};
const seconds = (value: number | undefined, digits = 2) =>
  value === undefined ? "n/a" : `${value.toFixed(digits)} s`;
for (const jobs of jobsList) {
  process.stdout.write(
    `${runs} runs, --jobs ${jobs} (median of ${rounds}): ${seconds(mid(jobs, "wall"))} wall, ` +
      `runs phase ${seconds(mid(jobs, "runsPhase"))} (later half ${seconds(mid(jobs, "laterHalf"))}), median run ${seconds(mid(jobs, "medianRun"), 3)}; ` +
      `CPU ${seconds(mid(jobs, "cpu"))}: main thread ${seconds(mid(jobs, "mainCpu"))}, ` +
      `workers ${seconds(mid(jobs, "laterCpu"))}, V8 GC and compiler threads ${seconds(mid(jobs, "v8Cpu"))}\n`,
  );
}
const [first, ...rest] = jobsList;
for (const jobs of rest) {
  const ratio = (field: keyof Measure) => (mid(first!, field)! / mid(jobs, field)!).toFixed(2);
  process.stdout.write(
    `speed-up ${first} → ${jobs} workers: ${ratio("wall")}× wall clock (whole process), ` +
      `${ratio("runsPhase")}× runs phase (pool started), ${ratio("laterHalf")}× later half of the runs ` +
      `(workers warmed up: the rate of a long sweep)\n`,
  );
}
