/**
 * bench/kernel: socsim's event kernel against SimPy and against a bare
 * typed-array heap, on the hold model and on an M/M/c queue.
 *
 * Every run is one engine on one model in a fresh process (side.ts, or
 * simpy_models.py), timed inside that process after its set-up. A round
 * runs every side once, in an order that alternates from round to round;
 * every side runs the same number of rounds on the same amount of work.
 * A ratio is taken within each round, so that a burst of load from another
 * process falls on both of its sides, and the figure is the median of the
 * rounds' ratios, with their range.
 *
 * `npm run bench:kernel [-- --json] [-- --quick] [-- --rounds N]
 * [-- --simpy-style callbacks|processes]`; with --json the last stdout line
 * is one JSON object.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "../../src/core/index.ts";
import { drawMmcInput, erlangCMeanWait } from "./mmc.ts";

const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");
const flagValue = (flag: string): string | undefined => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const ROUNDS = Number(flagValue("--rounds") ?? 5);
/** Callbacks is SimPy's faster style on both models (it skips the generator machinery). */
const SIMPY_STYLE = flagValue("--simpy-style") ?? "callbacks";
const HOLD_POPULATION = 100;
const HOLD_EVENTS = quick ? 1e6 : 1e7;
const MMC_SERVERS = 4;
const MMC_LOAD = 0.9;
const MMC_CUSTOMERS = quick ? 1e5 : 1e6;
const MMC_SEED = 1;
const PYTHON = "/usr/bin/python3";
const SIDE = fileURLToPath(new URL("./side.ts", import.meta.url));
const SIMPY_SCRIPT = fileURLToPath(new URL("./simpy_models.py", import.meta.url));

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

interface SideResult {
  /** Events (hold) or customers (M/M/c) per second. */
  readonly rate: number;
  readonly checksum?: number;
  readonly meanWaitNs?: number;
  readonly batchMeans?: { mean: number; halfWidth: number };
}

function runSide(command: string, args: readonly string[]): SideResult {
  const output = execFileSync(command, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split("\n").pop()!) as SideResult;
}

const onNode = (...args: (string | number)[]): (() => SideResult) => {
  return () => runSide(process.execPath, ["--import", "tsx", SIDE, ...args.map(String)]);
};
const onSimpy = (...args: (string | number)[]): (() => SideResult) => {
  return () => runSide(PYTHON, [SIMPY_SCRIPT, ...args.map(String)]);
};

const withSimpy = ensureSimpy();
const folder = mkdtempSync(join(tmpdir(), "socsim-bench-"));
const input = drawMmcInput(MMC_SERVERS, MMC_LOAD, MMC_CUSTOMERS, MMC_SEED);
const timesFile = join(folder, "mmc-times.f64");
const both = new Float64Array(2 * MMC_CUSTOMERS);
both.set(input.interArrivalNs, 0);
both.set(input.serviceNs, MMC_CUSTOMERS);
writeFileSync(timesFile, Buffer.from(both.buffer));

type SideName = "socsimHold" | "bareHold" | "simpyHold" | "socsimMmc" | "simpyMmc";
const sidesOf = (round: number): [SideName, () => SideResult][] => {
  const seed = round + 1;
  const sides: [SideName, () => SideResult][] = [
    ["socsimHold", onNode("hold", "socsim", HOLD_POPULATION, HOLD_EVENTS, seed)],
    ["bareHold", onNode("hold", "bare", HOLD_POPULATION, HOLD_EVENTS, seed)],
    ["socsimMmc", onNode("mmc", "socsim", MMC_SERVERS, MMC_LOAD, MMC_CUSTOMERS, MMC_SEED)],
  ];
  if (withSimpy)
    sides.push(
      ["simpyHold", onSimpy("hold", SIMPY_STYLE, HOLD_POPULATION, HOLD_EVENTS, seed)],
      ["simpyMmc", onSimpy("mmc", SIMPY_STYLE, MMC_SERVERS, timesFile)],
    );
  return round % 2 === 0 ? sides : sides.reverse();
};

say(
  `${ROUNDS} rounds, each side in a fresh process: hold (${HOLD_POPULATION} pending, ${HOLD_EVENTS} events), ` +
    `M/M/c (c=${MMC_SERVERS}, load ${MMC_LOAD}, ${MMC_CUSTOMERS} customers)${withSimpy ? `, SimPy in its ${SIMPY_STYLE} style` : ""}`,
);
const rounds: Partial<Record<SideName, SideResult>>[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const results: Partial<Record<SideName, SideResult>> = {};
  for (const [name, run] of sidesOf(round)) results[name] = run();
  if (results.socsimHold!.checksum !== results.bareHold!.checksum)
    throw new Error("socsim and the bare heap fired different events");
  rounds.push(results);
  say(`  round ${round + 1}/${ROUNDS} done`);
}
rmSync(folder, { recursive: true, force: true });

/** Median and range of one figure over the rounds. */
function spread(of: (round: Partial<Record<SideName, SideResult>>) => number): {
  median: number;
  min: number;
  max: number;
} {
  const values = rounds.map(of);
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

const rate = (side: SideName) => spread((round) => round[side]!.rate);
const ratio = (over: SideName, under: SideName) =>
  spread((round) => round[over]!.rate / round[under]!.rate);

const socsimMmc = rounds[0]!.socsimMmc!;
const erlang = erlangCMeanWait(MMC_SERVERS, input.arrivalRatePerNs, input.serviceRatePerNs);
const interval = socsimMmc.batchMeans!;
const erlangInside = Math.abs(interval.mean - erlang) <= interval.halfWidth;
const simpyMeanWait = withSimpy ? rounds[0]!.simpyMmc!.meanWaitNs! : null;
const waitAgreement =
  simpyMeanWait === null
    ? null
    : Math.abs(simpyMeanWait - socsimMmc.meanWaitNs!) / socsimMmc.meanWaitNs!;

const summary = {
  rounds: ROUNDS,
  hold_events: HOLD_EVENTS,
  mmc_customers: MMC_CUSTOMERS,
  simpy_style: withSimpy ? SIMPY_STYLE : null,
  socsim_events_per_s: rate("socsimHold"),
  bare_heap_events_per_s: rate("bareHold"),
  simpy_events_per_s: withSimpy ? rate("simpyHold") : null,
  ratio_vs_bare_heap: ratio("socsimHold", "bareHold"),
  ratio_vs_simpy: withSimpy ? ratio("socsimHold", "simpyHold") : null,
  mmc_customers_per_s: rate("socsimMmc"),
  simpy_mmc_customers_per_s: withSimpy ? rate("simpyMmc") : null,
  mmc_ratio_vs_simpy: withSimpy ? ratio("socsimMmc", "simpyMmc") : null,
  mmc_mean_wait_s: socsimMmc.meanWaitNs! / 1e9,
  mmc_wait_relative_difference_vs_simpy: waitAgreement,
  erlang_c_mean_wait_s: erlang / 1e9,
  mmc_batch_means_99ci_s: [
    (interval.mean - interval.halfWidth) / 1e9,
    (interval.mean + interval.halfWidth) / 1e9,
  ],
  erlang_c_inside_ci: erlangInside,
};

type Spread = ReturnType<typeof spread>;
const millions = (figure: Spread | null) =>
  figure === null ? "n/a" : `${(figure.median / 1e6).toFixed(2)} M/s`;
const times = (figure: Spread | null) =>
  figure === null
    ? "n/a"
    : `${figure.median.toFixed(2)}x (rounds ${figure.min.toFixed(2)}-${figure.max.toFixed(2)})`;
say("");
say(
  `hold   socsim ${millions(summary.socsim_events_per_s)} | SimPy ${millions(summary.simpy_events_per_s)} | bare heap ${millions(summary.bare_heap_events_per_s)}`,
);
say(
  `       ${times(summary.ratio_vs_simpy)} SimPy; ${times(summary.ratio_vs_bare_heap)} the bare heap`,
);
say(
  `M/M/c  socsim ${millions(summary.mmc_customers_per_s)} | SimPy ${millions(summary.simpy_mmc_customers_per_s)} | ${times(summary.mmc_ratio_vs_simpy)} SimPy`,
);
say(
  `       mean wait ${summary.mmc_mean_wait_s.toFixed(4)} s, SimPy differs by ${waitAgreement === null ? "n/a" : waitAgreement.toExponential(2)} (relative)`,
);
say(
  `       Erlang C ${summary.erlang_c_mean_wait_s.toFixed(4)} s; 99 % batch-means CI [${summary.mmc_batch_means_99ci_s.map((x) => x.toFixed(4)).join(", ")}] s: ${erlangInside ? "inside" : "OUTSIDE"}`,
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
