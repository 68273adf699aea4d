/**
 * bench/simulate: the whole simulator on scenarios/bench.yaml, trace off.
 * `npm run bench:simulate [-- --json] [-- --seconds N] [-- --trace]
 * [-- --warmup W] [-- --runs R] [-- --scheduler NAME]`; with --json the
 * last stdout line is one JSON object. --scheduler runs a registered policy
 * (default: the scenario's single-gpu) with its default parameters.
 *
 * One process runs the scenario W + R times (default 3 + 5). The headline
 * figures are the median of the last R runs: the simulator's throughput
 * once V8 has compiled its hot path, on one busy core. The first run of the
 * process is reported beside them as `cold_*`: it also pays for set-up and
 * for that compilation, which V8 does on a second thread while the first
 * run executes the hot path in its slower tiers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { SCHEDULERS } from "../../src/sched/index.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const withTrace = args.includes("--trace");
const simulatedSeconds = numberFlag("--seconds", 60);
const warmupRuns = numberFlag("--warmup", 3);
const measuredRuns = numberFlag("--runs", 5);
const schedulerAt = args.indexOf("--scheduler");
const scheduler = schedulerAt < 0 ? undefined : args[schedulerAt + 1];
if (scheduler !== undefined && !SCHEDULERS.has(scheduler)) {
  process.stderr.write(`bench/simulate: ${SCHEDULERS.unknownMessage(scheduler)}\n`);
  process.exit(2);
}

function numberFlag(name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!(Number.isFinite(value) && value >= 0)) {
    process.stderr.write(`bench/simulate: ${name} needs a non-negative number\n`);
    process.exit(2);
  }
  return value;
}

if (measuredRuns < 1) {
  process.stderr.write("bench/simulate: --runs must be at least 1\n");
  process.exit(2);
}

const scenarioFile = new URL("../../scenarios/bench.yaml", import.meta.url).pathname;
const loaded = await loadScenario(scenarioFile);
const scenario = {
  ...loaded,
  spec: { ...loaded.spec, duration: simulatedSeconds },
  schedulers:
    scheduler === undefined
      ? loaded.schedulers
      : [{ name: scheduler, label: scheduler, params: {}, factory: SCHEDULERS.get(scheduler) }],
};

interface TimedRun {
  readonly opExecutions: number;
  readonly events: number;
  readonly wallSeconds: number;
  /** CPU time of the process during the run: on a shared machine it moves less than wall time. */
  readonly cpuSeconds: number;
}

function timedRun(): TimedRun {
  const outDir = withTrace ? mkdtempSync(join(tmpdir(), "socsim-bench-")) : undefined;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const outcome = runExperiment(scenario, { seed: loaded.spec.seed, trace: withTrace, outDir });
  const cpu = process.cpuUsage(cpuBefore);
  const wallSeconds = (performance.now() - started) / 1000;
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  return {
    opExecutions: outcome.opExecutions,
    events: outcome.events,
    wallSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

const runs: TimedRun[] = [];
for (let run = 0; run < warmupRuns + measuredRuns; run++) runs.push(timedRun());
// The kernel's high-water mark: a timer could not sample while a run holds the thread.
const peakRss = process.resourceUsage().maxRSS * 1024;

const cold = runs[0]!;
const measured = runs.slice(warmupRuns);
const median = [...measured].sort((a, b) => a.wallSeconds - b.wallSeconds)[
  Math.floor(measured.length / 2)
]!;
const perSecond = (count: number, seconds: number) => Math.round(count / seconds);
const medianCpu = [...measured].sort((a, b) => a.cpuSeconds - b.cpuSeconds)[
  Math.floor(measured.length / 2)
]!;

const summary = {
  op_executions_per_s: perSecond(median.opExecutions, median.wallSeconds),
  events_per_s: perSecond(median.events, median.wallSeconds),
  cpu_op_executions_per_s: perSecond(medianCpu.opExecutions, medianCpu.cpuSeconds),
  realtime_factor: simulatedSeconds / median.wallSeconds,
  peak_rss_mb: Math.round((peakRss / 2 ** 20) * 10) / 10,
  op_executions: median.opExecutions,
  events: median.events,
  simulated_s: simulatedSeconds,
  wall_s: median.wallSeconds,
  warmup_runs: warmupRuns,
  measured_runs: measuredRuns,
  run_wall_s: runs.map((run) => run.wallSeconds),
  run_cpu_s: runs.map((run) => run.cpuSeconds),
  cold_op_executions_per_s: perSecond(cold.opExecutions, cold.wallSeconds),
  cold_realtime_factor: simulatedSeconds / cold.wallSeconds,
  cold_wall_s: cold.wallSeconds,
  trace: withTrace,
  scheduler: scenario.schedulers[0]!.name,
};
const millions = (rate: number) => (rate / 1e6).toFixed(2);
process.stderr.write(
  `${simulatedSeconds} s simulated in ${median.wallSeconds.toFixed(3)} s (median of ${measuredRuns} runs after ${warmupRuns} warm-up runs): ` +
    `${millions(summary.op_executions_per_s)} M op executions/s, ${millions(summary.events_per_s)} M events/s, ` +
    `${summary.realtime_factor.toFixed(0)}× real time, peak RSS ${summary.peak_rss_mb} MB; ` +
    `per CPU second (median): ${millions(summary.cpu_op_executions_per_s)} M op executions/s; ` +
    `first run of the process: ${cold.wallSeconds.toFixed(3)} s, ${millions(summary.cold_op_executions_per_s)} M op executions/s\n`,
);
if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
