import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WORKLOAD = new URL("../../workloads/seed-trio.yaml", import.meta.url).pathname;

/** A folder holding a 0.05 s scenario of one policy, as `tiny.yaml`. */
export function tinyScenarioFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "socsim-sweep-"));
  writeFileSync(
    join(folder, "tiny.yaml"),
    [
      "kind: scenario",
      "name: tiny",
      "soc: snapdragon-855",
      `workload: ${WORKLOAD}`,
      "schedulers: [single-cpu]",
      "duration: 50 ms",
      "seed: 1",
      "",
    ].join("\n"),
  );
  return folder;
}

/** Writes a sweep over `tiny.yaml` with these lines under its header; returns its path. */
export function writeSweep(folder: string, body: string, file = "sweep.yaml"): string {
  const path = join(folder, file);
  writeFileSync(path, `kind: sweep\nname: tiny-sweep\nbase: tiny.yaml\n${body}\n`);
  return path;
}
