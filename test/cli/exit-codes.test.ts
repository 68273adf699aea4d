import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
const socsim = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
const folder = mkdtempSync(join(tmpdir(), "socsim-cli-"));

describe("the socsim command", () => {
  it("exits 2 with the usage line on an unknown command or flag", () => {
    // An option where --out's folder should be is bad usage, not a folder named "--quiet".
    for (const args of [
      ["no-such-command"],
      ["run", "--frobnicate"],
      ["run", "--out", "--quiet"],
    ]) {
      const result = socsim(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/usage/i);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it("exits 1 with one located line on bad input and leaves no output behind", () => {
    const bad = join(folder, "bad.yaml");
    writeFileSync(bad, "kind: scenario\nname: x\n  bad: [\n");
    const out = join(folder, "bad-out");
    const result = socsim("run", bad, "--out", out, "--quiet");
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^socsim: ${bad}:\\d+:\\d+: `));
    expect(existsSync(out)).toBe(false);
  });

  it("runs the bundled default scenario into results.json and run.json", () => {
    const out = join(folder, "default-out");
    const result = socsim("run", "--out", out, "--quiet");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.scenario).toBe("default");
    expect(results.runs.length).toBeGreaterThan(0);
    const run = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
    expect(Object.keys(run).sort()).toEqual(["events", "node", "platform", "socsim", "wall_s"]);
  });
});
