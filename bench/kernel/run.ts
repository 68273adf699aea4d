/**
 * bench/kernel: socsim's event kernel against SimPy and against a bare
 * typed-array heap, on the hold model and on an M/M/c queue.
 * `npm run bench:kernel [-- --json] [-- --quick]`; with --json the last
 * stdout line is one JSON object.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { holdOnBareHeap, holdOnSocsim } from "./hold.ts";
import { batchMeansInterval, drawMmcInput, erlangCMeanWait, mmcOnSocsim } from "./mmc.ts";

const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");
const HOLD_POPULATION = 100;
const HOLD_EVENTS = quick ? 1e6 : 1e7;
const HOLD_PAIRS = 5;
const MMC_SERVERS = 4;
const MMC_LOAD = 0.9;
const MMC_CUSTOMERS = quick ? 1e5 : 1e6;
const PYTHON = "/usr/bin/python3";

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function ensureSimpy(): boolean {
  const probe = () => spawnSync(PYTHON, ["-c", "import simpy"], { stdio: "ignore" }).status === 0;
  if (probe()) return true;
  say("SimPy is missing: installing Debian's python3-simpy3 with apt-get ...");
  try {
    execFileSync("apt-get", ["install", "-y", "-qq", "python3-simpy3"], { stdio: "ignore" });
  } catch {
    say(
      "could not install python3-simpy3 (needs root and Debian's package index); SimPy figures are skipped",
    );
    return false;
  }
  return probe();
}

/** Best of three, to keep another process's burst from deciding the figure. */
function bestOf<T extends { seconds: number }>(runs: number, run: () => T): T {
  let best = run();
  for (let i = 1; i < runs; i++) {
    const next = run();
    if (next.seconds < best.seconds) best = next;
  }
  return best;
}

say(
  `hold model: ${HOLD_POPULATION} pending events, ${HOLD_EVENTS} events, ${HOLD_PAIRS} alternating pairs`,
);
// The two loops run in alternating pairs: a burst of load from another
// process then hits both sides of a pair, and the median of the pairs'
// ratios is the kernel's share of the bare loop. Rates are each side's best.
const pairs = Array.from({ length: HOLD_PAIRS }, (_, pair) => {
  const socsim = holdOnSocsim(HOLD_POPULATION, HOLD_EVENTS, pair + 1);
  const bare = holdOnBareHeap(HOLD_POPULATION, HOLD_EVENTS, pair + 1);
  if (socsim.checksum !== bare.checksum)
    throw new Error("socsim and the bare heap fired different events");
  return { socsim, bare, ratio: bare.seconds / socsim.seconds };
});
const fastest = (runs: { events: number; seconds: number }[]) =>
  Math.max(...runs.map((run) => run.events / run.seconds));
const socsimEventsPerSecond = fastest(pairs.map((pair) => pair.socsim));
const bareEventsPerSecond = fastest(pairs.map((pair) => pair.bare));
const ratios = pairs.map((pair) => pair.ratio).sort((a, b) => a - b);
const ratioVsBare = ratios[Math.floor(ratios.length / 2)]!;

say(`M/M/c: c=${MMC_SERVERS}, load ${MMC_LOAD}, ${MMC_CUSTOMERS} customers`);
const input = drawMmcInput(MMC_SERVERS, MMC_LOAD, MMC_CUSTOMERS, 1);
const socsimMmc = bestOf(3, () => mmcOnSocsim(input));
let socsimWaitSum = 0;
for (const wait of socsimMmc.waitsNs) socsimWaitSum += wait;
const socsimMeanWait = socsimWaitSum / MMC_CUSTOMERS;
const erlang = erlangCMeanWait(MMC_SERVERS, input.arrivalRatePerNs, input.serviceRatePerNs);
const interval = batchMeansInterval(socsimMmc.waitsNs, 20, 0.01);
const erlangInside = Math.abs(interval.mean - erlang) <= interval.halfWidth;

let simpy: {
  hold_events_per_s: number;
  hold_style: string;
  mmc_customers_per_s: number;
  mmc_style: string;
  mmc_mean_wait_ns: number;
  simpy_version: string;
} | null = null;
if (ensureSimpy()) {
  const folder = mkdtempSync(join(tmpdir(), "socsim-bench-"));
  const timesFile = join(folder, "mmc-times.f64");
  const both = new Float64Array(2 * MMC_CUSTOMERS);
  both.set(input.interArrivalNs, 0);
  both.set(input.serviceNs, MMC_CUSTOMERS);
  writeFileSync(timesFile, Buffer.from(both.buffer));
  say("SimPy: the same two models (processes and callbacks; the faster style counts) ...");
  const script = new URL("./simpy_models.py", import.meta.url).pathname;
  const output = execFileSync(
    PYTHON,
    [script, String(HOLD_POPULATION), String(HOLD_EVENTS), String(MMC_SERVERS), timesFile],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  rmSync(folder, { recursive: true, force: true });
  simpy = JSON.parse(output.trim().split("\n").pop()!);
}

const waitAgreement = simpy
  ? Math.abs(simpy.mmc_mean_wait_ns - socsimMeanWait) / socsimMeanWait
  : null;
const mmcCustomersPerSecond = MMC_CUSTOMERS / socsimMmc.seconds;
const summary = {
  socsim_events_per_s: Math.round(socsimEventsPerSecond),
  simpy_events_per_s: simpy ? Math.round(simpy.hold_events_per_s) : null,
  bare_heap_events_per_s: Math.round(bareEventsPerSecond),
  ratio_vs_simpy: simpy ? socsimEventsPerSecond / simpy.hold_events_per_s : null,
  ratio_vs_bare_heap: ratioVsBare,
  ratio_vs_bare_heap_range: [ratios[0], ratios[ratios.length - 1]],
  mmc_customers_per_s: Math.round(mmcCustomersPerSecond),
  simpy_mmc_customers_per_s: simpy ? Math.round(simpy.mmc_customers_per_s) : null,
  mmc_ratio_vs_simpy: simpy ? mmcCustomersPerSecond / simpy.mmc_customers_per_s : null,
  simpy_hold_style: simpy?.hold_style ?? null,
  simpy_mmc_style: simpy?.mmc_style ?? null,
  mmc_mean_wait_s: socsimMeanWait / 1e9,
  mmc_wait_relative_difference_vs_simpy: waitAgreement,
  erlang_c_mean_wait_s: erlang / 1e9,
  mmc_batch_means_99ci_s: [
    (interval.mean - interval.halfWidth) / 1e9,
    (interval.mean + interval.halfWidth) / 1e9,
  ],
  erlang_c_inside_ci: erlangInside,
};

const fmt = (x: number | null, digits = 2) => (x === null ? "n/a" : x.toFixed(digits));
say("");
say(
  `hold   socsim ${fmt(socsimEventsPerSecond / 1e6)} M events/s | SimPy (${simpy?.hold_style ?? "-"}) ${fmt(simpy ? simpy.hold_events_per_s / 1e6 : null)} M | bare heap ${fmt(bareEventsPerSecond / 1e6)} M`,
);
say(
  `       ${fmt(summary.ratio_vs_simpy)}x SimPy, ${fmt(summary.ratio_vs_bare_heap * 100, 0)} % of the bare heap`,
);
say(
  `M/M/c  socsim ${fmt(mmcCustomersPerSecond / 1e3, 0)} k customers/s | SimPy (${simpy?.mmc_style ?? "-"}) ${fmt(simpy ? simpy.mmc_customers_per_s / 1e3 : null, 0)} k | ${fmt(summary.mmc_ratio_vs_simpy)}x`,
);
say(
  `       mean wait ${fmt(summary.mmc_mean_wait_s, 4)} s, SimPy differs by ${waitAgreement === null ? "n/a" : waitAgreement.toExponential(2)} (relative)`,
);
say(
  `       Erlang C ${fmt(summary.erlang_c_mean_wait_s, 4)} s; 99 % batch-means CI [${summary.mmc_batch_means_99ci_s.map((x) => x.toFixed(4)).join(", ")}] s: ${erlangInside ? "inside" : "OUTSIDE"}`,
);

const failures: string[] = [];
if (!erlangInside)
  failures.push("the Erlang C mean wait lies outside socsim's 99 % confidence interval");
if (waitAgreement !== null && waitAgreement > 1e-9)
  failures.push("socsim and SimPy disagree on the M/M/c mean wait");
if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
if (failures.length > 0) {
  for (const failure of failures) say(`FAIL: ${failure}`);
  process.exitCode = 1;
}
