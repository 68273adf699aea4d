/**
 * bench/sweep/warm-threads.ts: how far a sweep's runs scale over two
 * threads once warm, without the pool, the main thread or the disk. Each
 * worker thread (V8 flags as a sweep sets them) runs `--warm` runs of the
 * benches' short scenario (default 300), waits, then runs its share of
 * `--runs` timed runs (default 400: 400 in one thread, 200 in each of two),
 * writing each run's folder under a tmpfs directory when there is one.
 * Prints each round's speed-up and their median. Process-wide V8 flags go
 * on the command line, e.g. `node --single-threaded-gc --import tsx
 * bench/sweep/warm-threads.ts`; `npm run bench:sweep-warm [-- --rounds R]`.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { median } from "../../src/core/index.ts";
import { setWorkerV8Flags } from "../../src/scenario/sweep/worker-v8-flags.ts";
import { writeShortSweep } from "./short-sweep.ts";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : Number(args[at + 1] ?? fallback);
};
const rounds = flag("--rounds", 5);
const warm = flag("--warm", 300);
const runs = flag("--runs", 400);

const WORKER = new URL("../../dist/scenario/sweep/worker.js", import.meta.url).href;
const RUNNER = `
const { parentPort, workerData } = require("node:worker_threads");
const { join } = require("node:path");
(async () => {
  const { default: runSweepTask } = await import(workerData.worker);
  const { base, out, warm, runs } = workerData;
  const run = (seed, label) =>
    runSweepTask({ baseFile: base, axes: { seed }, runDir: join(out, label + seed), trace: false });
  for (let seed = 1; seed <= warm; seed++) await run(seed, "warm");
  parentPort.postMessage("warm");
  await new Promise((resolve) => parentPort.once("message", resolve));
  for (let seed = 1; seed <= runs; seed++) await run(warm + seed, "timed");
  parentPort.postMessage("done");
})();
`;

const folder = mkdtempSync(join(tmpdir(), "socsim-bench-warm-"));
const base = writeShortSweep(folder, 1);
const outputs = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "socsim-warm-"));
setWorkerV8Flags();

/** Milliseconds `threads` warm threads take for `runs` runs between them. */
async function timed(threads: number): Promise<number> {
  const workers = Array.from(
    { length: threads },
    (_, index) =>
      new Worker(RUNNER, {
        eval: true,
        workerData: {
          worker: WORKER,
          base,
          out: mkdtempSync(join(outputs, `t${threads}-${index}-`)),
          warm,
          runs: runs / threads,
        },
      }),
  );
  const next = () =>
    Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("message", resolve))));
  await next();
  const started = performance.now();
  for (const worker of workers) worker.postMessage("go");
  await next();
  const elapsed = performance.now() - started;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return elapsed;
}

const speedUps: number[] = [];
for (let round = 0; round < rounds; round++) {
  const one = await timed(1);
  const two = await timed(2);
  speedUps.push(one / two);
  process.stdout.write(
    `round ${round + 1}: 1 thread ${one.toFixed(0)} ms, 2 threads ${two.toFixed(0)} ms: ${(one / two).toFixed(2)}×\n`,
  );
}
rmSync(folder, { recursive: true, force: true });
rmSync(outputs, { recursive: true, force: true });
process.stdout.write(
  `${runs} warm runs, 1 → 2 threads (median of ${rounds}): ${median(speedUps).toFixed(2)}×\n`,
);
