import { writeFileSync } from "node:fs";
import { join } from "node:path";

const WORKLOAD = new URL("../../workloads/seed-trio.yaml", import.meta.url).pathname;

/**
 * Writes the benches' sweep into `folder`: short.yaml (the seed-trio
 * workload on the Snapdragon 855 under single-gpu for `duration`, 0.3 s
 * unless asked) and sweep.yaml (one run of it per seed, seeds 1 to `runs`).
 * Returns short.yaml's path.
 */
export function writeShortSweep(folder: string, runs: number, duration = "300 ms"): string {
  const base = join(folder, "short.yaml");
  writeFileSync(
    base,
    `kind: scenario\nname: short\nsoc: snapdragon-855\nworkload: ${WORKLOAD}\nschedulers: [single-gpu]\nduration: ${duration}\n`,
  );
  const seeds = Array.from({ length: runs }, (_, index) => index + 1);
  writeFileSync(
    join(folder, "sweep.yaml"),
    `kind: sweep\nname: bench\nbase: short.yaml\naxes:\n  seed: [${seeds.join(", ")}]\n`,
  );
  return base;
}
