/**
 * bench/sweep/machine-ceiling.ts: how far this machine lets two worker
 * threads scale at all, the ceiling bench:sweep's figures are read against.
 * The same fixed amount of work, split over 1 and then 2 worker threads of
 * one process, of two kinds: floating-point arithmetic (no allocation, no
 * memory traffic) and short-lived objects (allocation and young-generation
 * garbage collection, as a simulation run allocates its events and records).
 * `npm run bench:sweep-ceiling [-- --rounds R]` prints each kind's median
 * wall time per worker count and the speed-up.
 */
import { Worker } from "node:worker_threads";
import { median } from "../../src/core/index.ts";

const args = process.argv.slice(2);
const at = args.indexOf("--rounds");
const rounds = at < 0 ? 3 : Number(args[at + 1] ?? 3);

/** A worker's share of the work: `units` of its kind, then it posts the result. */
const WORK = `
const { parentPort, workerData } = require("node:worker_threads");
const { kind, units } = workerData;
let result = 0;
if (kind === "arithmetic") {
  let x = 1;
  for (let i = 0; i < units * 2e7; i++) x = x * 1.0000001 + 0.5 / (i + 1);
  result = x;
} else {
  for (let i = 0; i < units * 3e5; i++) {
    const record = { at: i, values: [i, i + 1, i + 2], label: "r" + (i & 255) };
    result += record.values.length;
  }
}
parentPort.postMessage(result);
`;

const UNITS: Record<string, number> = { arithmetic: 100, allocation: 2000 };

async function timeSplit(kind: string, workers: number): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(WORK, {
            eval: true,
            workerData: { kind, units: UNITS[kind]! / workers },
          });
          worker.once("message", () => resolve());
          worker.once("error", reject);
        }),
    ),
  );
  return (performance.now() - start) / 1000;
}

for (const kind of Object.keys(UNITS)) {
  const seconds: Record<number, number[]> = { 1: [], 2: [] };
  for (let round = 0; round < rounds; round++)
    for (const workers of [1, 2]) seconds[workers]!.push(await timeSplit(kind, workers));
  const one = median(seconds[1]!);
  const two = median(seconds[2]!);
  console.log(
    `${kind}: 1 worker ${one.toFixed(2)} s, 2 workers ${two.toFixed(2)} s (median of ${rounds}): ${(one / two).toFixed(2)}×`,
  );
}
