/**
 * bench/sweep: how a sweep scales with workers. Writes a sweep of N short
 * runs (default 200: the seed-trio workload on the Snapdragon 855 under
 * single-gpu for 0.3 s, one run per seed) and times the built CLI,
 * `socsim sweep --jobs J`, for each J asked (default 1 and 2), each into a
 * fresh folder. Wall time covers the whole process (validation and the
 * pool's start-up included), so it is what a user waits.
 * `npm run bench:sweep [-- --runs N] [-- --jobs 1,2]`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : (args[at + 1] ?? fallback);
};
const runs = Number(flag("--runs", "200"));
const jobsList = flag("--jobs", "1,2").split(",").map(Number);

const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
const WORKLOAD = new URL("../../workloads/seed-trio.yaml", import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), "socsim-bench-sweep-"));
writeFileSync(
  join(folder, "short.yaml"),
  `kind: scenario\nname: short\nsoc: snapdragon-855\nworkload: ${WORKLOAD}\nschedulers: [single-gpu]\nduration: 300 ms\n`,
);
const seeds = Array.from({ length: runs }, (_, index) => index + 1);
writeFileSync(
  join(folder, "sweep.yaml"),
  `kind: sweep\nname: bench\nbase: short.yaml\naxes:\n  seed: [${seeds.join(", ")}]\n`,
);

const wall: Record<number, number> = {};
for (const jobs of jobsList) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [BIN, "sweep", "sweep.yaml", "--out", `out-${jobs}`, "--jobs", String(jobs), "--quiet"],
    { cwd: folder, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`socsim sweep --jobs ${jobs} failed: ${result.stderr}`);
  wall[jobs] = (performance.now() - started) / 1000;
  process.stdout.write(
    `${runs} runs, --jobs ${jobs}: ${wall[jobs]!.toFixed(1)} s wall, median run ${medianRunSeconds(join(folder, `out-${jobs}`)).toFixed(3)} s\n`,
  );
}
/**
 * The median of the runs' own wall times (`host.wall_s`): on an idle
 * machine it stays flat as workers are added; when it grows, the workers
 * are waiting for cores that other processes hold.
 */
function medianRunSeconds(out: string): number {
  const seconds = readFileSync(join(out, "results.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { host: { wall_s: number } }).host.wall_s)
    .sort((a, b) => a - b);
  return seconds[seconds.length >> 1]!;
}

const [first, ...rest] = jobsList;
for (const jobs of rest) {
  process.stdout.write(
    `speed-up ${first} → ${jobs} workers: ${(wall[first!]! / wall[jobs]!).toFixed(2)}×\n`,
  );
}
rmSync(folder, { recursive: true, force: true });
