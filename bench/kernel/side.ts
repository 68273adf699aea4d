/**
 * One timed run of one engine on one model, in a process of its own, so
 * that no run inherits another's compiled code, deoptimisations or heap.
 * bench/kernel/run.ts starts it; it prints one JSON line.
 *
 *   side.ts hold socsim|bare POPULATION EVENTS SEED
 *   side.ts mmc socsim SERVERS LOAD CUSTOMERS SEED
 */
import { holdOnBareHeap, holdOnSocsim } from "./hold.ts";
import { batchMeansInterval, drawMmcInput, mmcOnSocsim } from "./mmc.ts";

const [model, engine, ...numbers] = process.argv.slice(2);
const args = numbers.map(Number);

function holdSide(): object {
  const [population, events, seed] = args as [number, number, number];
  const run = engine === "bare" ? holdOnBareHeap : holdOnSocsim;
  const outcome = run(population, events, seed);
  return { rate: outcome.events / outcome.seconds, checksum: outcome.checksum };
}

function mmcSide(): object {
  const [servers, load, customers, seed] = args as [number, number, number, number];
  // Drawn from the seed, as run.ts draws the times it gives SimPy, so both see the same numbers.
  const outcome = mmcOnSocsim(drawMmcInput(servers, load, customers, seed));
  let waitSum = 0;
  for (const wait of outcome.waitsNs) waitSum += wait;
  const interval = batchMeansInterval(outcome.waitsNs, 20, 0.01);
  return {
    rate: customers / outcome.seconds,
    meanWaitNs: waitSum / customers,
    batchMeans: interval,
  };
}

if (model === "hold" && (engine === "socsim" || engine === "bare"))
  process.stdout.write(`${JSON.stringify(holdSide())}\n`);
else if (model === "mmc" && engine === "socsim")
  process.stdout.write(`${JSON.stringify(mmcSide())}\n`);
else
  throw new Error(
    `usage: side.ts hold socsim|bare ... | side.ts mmc socsim ... (got ${model} ${engine})`,
  );
