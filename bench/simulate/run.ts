/**
 * bench/simulate: the whole simulator on scenarios/bench.yaml, trace off.
 * `npm run bench:simulate [-- --json] [-- --seconds N] [-- --trace]`; with
 * --json the last stdout line is one JSON object. The headline figures are
 * the first run in a fresh process (set-up and JIT warm-up included); the
 * same run repeated in that process gives the warm figures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const withTrace = args.includes("--trace");
const secondsFlag = args.indexOf("--seconds");
const simulatedSeconds = secondsFlag >= 0 ? Number(args[secondsFlag + 1]) : 60;

const scenarioFile = new URL("../../scenarios/bench.yaml", import.meta.url).pathname;
const loaded = await loadScenario(scenarioFile);
const scenario = { ...loaded, spec: { ...loaded.spec, duration: simulatedSeconds } };

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

function timedRun() {
  const outDir = withTrace ? mkdtempSync(join(tmpdir(), "socsim-bench-")) : undefined;
  const started = performance.now();
  const outcome = runExperiment(scenario, { seed: loaded.spec.seed, trace: withTrace, outDir });
  const wallSeconds = (performance.now() - started) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  return { outcome, wallSeconds };
}

const cold = timedRun();
const warm = timedRun();
clearInterval(sampler);

const summary = {
  op_executions_per_s: Math.round(cold.outcome.opExecutions / cold.wallSeconds),
  events_per_s: Math.round(cold.outcome.events / cold.wallSeconds),
  realtime_factor: simulatedSeconds / cold.wallSeconds,
  peak_rss_mb: Math.round((peakRss / 2 ** 20) * 10) / 10,
  op_executions: cold.outcome.opExecutions,
  events: cold.outcome.events,
  simulated_s: simulatedSeconds,
  wall_s: cold.wallSeconds,
  warm_op_executions_per_s: Math.round(warm.outcome.opExecutions / warm.wallSeconds),
  warm_wall_s: warm.wallSeconds,
  trace: withTrace,
};
const millions = (rate: number) => (rate / 1e6).toFixed(2);
process.stderr.write(
  `${simulatedSeconds} s simulated in ${cold.wallSeconds.toFixed(2)} s: ${millions(summary.op_executions_per_s)} M op executions/s, ` +
    `${millions(summary.events_per_s)} M events/s, ${summary.realtime_factor.toFixed(0)}× real time, peak RSS ${summary.peak_rss_mb} MB; ` +
    `run again in the same process: ${warm.wallSeconds.toFixed(2)} s, ${millions(summary.warm_op_executions_per_s)} M op executions/s\n`,
);
if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
