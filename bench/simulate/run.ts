/**
 * bench/simulate: the whole simulator on scenarios/bench.yaml, trace off.
 * `npm run bench:simulate [-- --json] [-- --seconds N] [-- --trace]`; with
 * --json the last stdout line is one JSON object.
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
const outDir = withTrace ? mkdtempSync(join(tmpdir(), "socsim-bench-")) : undefined;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
const started = performance.now();
const outcome = runExperiment(scenario, { seed: loaded.spec.seed, trace: withTrace, outDir });
const wallSeconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
if (outDir) rmSync(outDir, { recursive: true, force: true });

const summary = {
  op_executions_per_s: Math.round(outcome.opExecutions / wallSeconds),
  events_per_s: Math.round(outcome.events / wallSeconds),
  realtime_factor: simulatedSeconds / wallSeconds,
  peak_rss_mb: Math.round((peakRss / 2 ** 20) * 10) / 10,
  op_executions: outcome.opExecutions,
  events: outcome.events,
  simulated_s: simulatedSeconds,
  wall_s: wallSeconds,
  trace: withTrace,
};
process.stderr.write(
  `${simulatedSeconds} s simulated in ${wallSeconds.toFixed(2)} s: ${(summary.op_executions_per_s / 1e6).toFixed(2)} M op executions/s, ` +
    `${(summary.events_per_s / 1e6).toFixed(2)} M events/s, ${summary.realtime_factor.toFixed(0)}× real time, peak RSS ${summary.peak_rss_mb} MB\n`,
);
if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
