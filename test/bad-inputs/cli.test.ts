import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD_CASES } from "./cases.ts";
import { writeCase } from "./fixture.ts";

const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
const socsim = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 30_000 });

/** One case of each kind the in-process corpus test cannot see end to end: the exit code and stderr. */
const SAMPLED = [
  'scenario.yaml warmup: "-20 ms"',
  'scenario.yaml thermal_tick: "0.1 ns"',
  'scenario.yaml what_if.ambient: "1e6 degC"',
  "single-npu under MACE on kirin-990",
  'workload.yaml ui.cpu: "gpu"',
  'workload.yaml competing[0].footprint: "-1 MB"',
  "trace.csv is a fifo",
  "model.onnx dimension of 2^62",
];

describe("the socsim command on bad input", () => {
  it.each(SAMPLED)("%s: run and validate exit 1 with the same one line", (name) => {
    const badCase = BAD_CASES.find((candidate) => candidate.name === name);
    expect(badCase, name).toBeDefined();
    const folder = writeCase(badCase!.edits);
    const run = socsim(folder, "run", "scenario.yaml", "--out", "out", "--quiet");
    const validate = socsim(folder, "validate", "scenario.yaml");
    for (const result of [run, validate]) {
      expect(result.status).toBe(1);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^socsim: \S+: /);
      expect(result.stderr).toMatch(badCase!.message);
    }
    expect(run.stderr).toBe(validate.stderr);
    expect(validate.stdout).toBe("");
    expect(existsSync(join(folder, "out"))).toBe(false);
  });
});
