/**
 * bench/startup: how long the `socsim` command takes to start, as a ratio
 * to a bare `node -e 0` measured on the same machine in the same run.
 * Each round runs the bare process and every command once, alternating, so
 * a burst of load from elsewhere hits both sides of a ratio; the figure is
 * the median over rounds of each command's wall time over the bare one's.
 * `npm run bench:startup [-- --json] [-- --rounds N]`; it runs the built
 * bin, so build first (the npm script does).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/socsim.js", import.meta.url));
const roundsFlag = process.argv.indexOf("--rounds");
const ROUNDS = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 11;
const json = process.argv.includes("--json");

interface Command {
  readonly name: string;
  readonly args: readonly string[];
  /** The ceiling on the median ratio to `node -e 0`. */
  readonly limit: number;
}

const COMMANDS: readonly Command[] = [
  { name: "--version", args: ["--version"], limit: 4 },
  { name: "list socs", args: ["list", "socs"], limit: 6 },
  {
    name: "profile resnet50 --soc snapdragon-855",
    args: ["profile", "resnet50", "--soc", "snapdragon-855"],
    limit: 12,
  },
];

function secondsToRun(args: readonly string[]): number {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0)
    throw new Error(`node ${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  return seconds;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

// One unmeasured round warms the file cache for both sides.
secondsToRun(["-e", "0"]);
for (const command of COMMANDS) secondsToRun([BIN, ...command.args]);

const bare: number[] = [];
const ratios = COMMANDS.map(() => [] as number[]);
const seconds = COMMANDS.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) {
  COMMANDS.forEach((command, index) => {
    const baseline = secondsToRun(["-e", "0"]);
    const own = secondsToRun([BIN, ...command.args]);
    bare.push(baseline);
    seconds[index]!.push(own);
    ratios[index]!.push(own / baseline);
  });
}

const rows = COMMANDS.map((command, index) => {
  const sorted = [...ratios[index]!].sort((a, b) => a - b);
  return {
    command: `socsim ${command.name}`,
    median_s: median(seconds[index]!),
    ratio: median(sorted),
    ratio_range: [sorted[0]!, sorted[sorted.length - 1]!],
    limit: command.limit,
  };
});
const bareMedian = median(bare);
process.stderr.write(
  `node -e 0: median ${(bareMedian * 1000).toFixed(0)} ms over ${bare.length} runs (${process.version})\n`,
);
for (const row of rows) {
  const verdict = row.ratio <= row.limit ? "ok" : "OVER";
  process.stderr.write(
    `${row.command.padEnd(46)} ${(row.median_s * 1000).toFixed(0).padStart(5)} ms  ${row.ratio.toFixed(2)}x (${row.ratio_range.map((r) => r.toFixed(2)).join("-")}) limit ${row.limit}x ${verdict}\n`,
  );
}
if (json)
  process.stdout.write(
    `${JSON.stringify({ node: process.version, bare_s: bareMedian, rounds: ROUNDS, commands: rows })}\n`,
  );
if (rows.some((row) => row.ratio > row.limit)) process.exitCode = 1;
