/**
 * bench/sweep/one-worker.ts: where one sweep worker's CPU goes during the
 * runs, split by thread, so that the runs phase of `--jobs 1` and `--jobs
 * 2` can be estimated from CPU (robust to a shared machine) rather than
 * wall time. A worker thread started the way the pool starts its own (V8
 * flags set first) checks the values of N seeds and then runs them, as a
 * pool worker of a one-worker sweep would, calling the built worker's two
 * task functions. It reports, for the checks and for the runs: its own
 * thread's CPU and every other thread's (V8's compiler and GC threads; the
 * main thread idles), from /proc (Linux only), in 10 ms ticks.
 *
 * With T(N) and O(N) the runs' CPU on the worker's thread and the others:
 * one worker's runs phase takes at least T(2N), two workers' at least
 * max(T(N), T(N) + O(N)) on 2 cores (docs/performance.md).
 * `npm run bench:sweep-worker [-- --runs 100,200] [-- --rounds 3]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { median } from "../../src/core/index.ts";
import { setWorkerV8Flags } from "../../src/scenario/sweep/worker-v8-flags.ts";
import { writeShortSweep } from "./short-sweep.ts";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : (args[at + 1] ?? fallback);
};
const runsList = flag("--runs", "100,200").split(",").map(Number);
const rounds = Number(flag("--rounds", "3"));

const WORKER = new URL("../../dist/scenario/sweep/worker.js", import.meta.url).href;

/** The measured thread: CPU seconds of its own thread and of the whole process, at each phase's ends. */
const MEASURED = `
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");
const thread = () => {
  const stat = readFileSync("/proc/thread-self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const all = () => { const usage = process.cpuUsage(); return (usage.user + usage.system) / 1e6; };
(async () => {
  const { checkSweepValue, default: runSweepTask } = await import(workerData.worker);
  const { base, out, runs } = workerData;
  const marks = [[thread(), all()]];
  for (let seed = 1; seed <= runs; seed++) await checkSweepValue({ baseFile: base, axes: { seed } });
  marks.push([thread(), all()]);
  for (let seed = 1; seed <= runs; seed++)
    await runSweepTask({ baseFile: base, axes: { seed }, runDir: join(out, String(seed)), trace: false });
  marks.push([thread(), all()]);
  parentPort.postMessage(marks);
})();
`;

interface Phase {
  readonly thread: number;
  readonly others: number;
}

function measure(runs: number): Promise<{ checks: Phase; runs: Phase }> {
  const folder = mkdtempSync(join(tmpdir(), "socsim-bench-one-worker-"));
  const base = writeShortSweep(folder, runs);
  const worker = new Worker(MEASURED, {
    eval: true,
    workerData: { worker: WORKER, base, out: join(folder, "out"), runs },
  });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (marks: [number, number][]) => {
      rmSync(folder, { recursive: true, force: true });
      const phase = (from: number): Phase => {
        const thread = marks[from + 1]![0] - marks[from]![0];
        return { thread, others: marks[from + 1]![1] - marks[from]![1] - thread };
      };
      resolve({ checks: phase(0), runs: phase(1) });
    });
  });
}

setWorkerV8Flags();
const measured = new Map<number, { checks: Phase; runs: Phase }[]>(runsList.map((n) => [n, []]));
for (let round = 0; round < rounds; round++) {
  for (const runs of runsList) measured.get(runs)!.push(await measure(runs));
}
const seconds = (values: number[]) => `${median(values).toFixed(2)} s`;
for (const [runs, all] of measured) {
  const of = (phase: "checks" | "runs", part: keyof Phase) =>
    seconds(all.map((one) => one[phase][part]));
  process.stdout.write(
    `${runs} values, one worker (median of ${rounds}): checks ${of("checks", "thread")} on its thread, ` +
      `${of("checks", "others")} on V8's; runs T = ${of("runs", "thread")}, O = ${of("runs", "others")}\n`,
  );
}
