/**
 * bench/startup: how long the `socsim` command takes to start, as a ratio
 * to a bare `node -e 0` measured on the same machine in the same run.
 * Each round runs the bare process and every command once, alternating, so
 * a burst of load from elsewhere hits both sides of a ratio; the figure is
 * the median over rounds of each command's time over the bare one's.
 * Both wall time and CPU time (user + system, every thread, as the process
 * reports at exit) are measured; the ceilings apply to CPU time, which
 * other jobs sharing the cores disturb far less than wall time.
 * `npm run bench:startup [-- --json] [-- --rounds N]`; it runs the built
 * bin, so build first (the npm script does).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median } from "../../src/core/index.ts";

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

/** Preloaded into every measured process: it reports its own CPU time on fd 3 as it exits. */
const REPORT_CPU =
  'data:text/javascript,import { writeSync } from "node:fs"; process.on("exit", () => writeSync(3, JSON.stringify(process.cpuUsage())));';

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function timeRun(args: readonly string[]): Timing {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["--import", REPORT_CPU, ...args], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0)
    throw new Error(`node ${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  const usage = JSON.parse(String(child.output[3])) as { user: number; system: number };
  return { wall, cpu: (usage.user + usage.system) / 1e6 };
}

// One unmeasured round warms the file cache for both sides.
timeRun(["-e", "0"]);
for (const command of COMMANDS) timeRun([BIN, ...command.args]);

const bare: Timing[] = [];
const own = COMMANDS.map(() => [] as Timing[]);
const ratios = COMMANDS.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
for (let round = 0; round < ROUNDS; round++) {
  COMMANDS.forEach((command, index) => {
    const baseline = timeRun(["-e", "0"]);
    const timing = timeRun([BIN, ...command.args]);
    bare.push(baseline);
    own[index]!.push(timing);
    ratios[index]!.wall.push(timing.wall / baseline.wall);
    ratios[index]!.cpu.push(timing.cpu / baseline.cpu);
  });
}

const spread = (values: readonly number[]) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});
const rows = COMMANDS.map((command, index) => ({
  command: `socsim ${command.name}`,
  limit: command.limit,
  cpu_s: median(own[index]!.map((timing) => timing.cpu)),
  wall_s: median(own[index]!.map((timing) => timing.wall)),
  cpu_ratio: spread(ratios[index]!.cpu),
  wall_ratio: spread(ratios[index]!.wall),
}));
const bareCpu = median(bare.map((timing) => timing.cpu));
const bareWall = median(bare.map((timing) => timing.wall));
const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;
const ratio = (figure: ReturnType<typeof spread>) =>
  `${figure.median.toFixed(2)}x (${figure.min.toFixed(2)}-${figure.max.toFixed(2)})`;
process.stderr.write(
  `node -e 0: CPU ${ms(bareCpu)}, wall ${ms(bareWall)} (medians of ${bare.length} runs, ${process.version})\n`,
);
for (const row of rows) {
  const verdict = row.cpu_ratio.median <= row.limit ? "ok" : "OVER";
  process.stderr.write(
    `${row.command}\n  CPU ${ms(row.cpu_s)} ${ratio(row.cpu_ratio)}  wall ${ms(row.wall_s)} ${ratio(row.wall_ratio)}  ceiling ${row.limit}x ${verdict}\n`,
  );
}
if (json)
  process.stdout.write(
    `${JSON.stringify({ node: process.version, rounds: ROUNDS, bare_cpu_s: bareCpu, bare_wall_s: bareWall, commands: rows })}\n`,
  );
if (rows.some((row) => row.cpu_ratio.median > row.limit)) process.exitCode = 1;
