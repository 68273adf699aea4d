import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = new URL("../../bin/socsim.js", import.meta.url).pathname;
const DEFAULT_SCENARIO = new URL("../../scenarios/default.yaml", import.meta.url).pathname;
const WORKLOADS = new URL("../../workloads/", import.meta.url).pathname;

const cwd = mkdtempSync(join(tmpdir(), "socsim-run-bounds-"));
const scenario = join(cwd, "short.yaml");
writeFileSync(
  scenario,
  readFileSync(DEFAULT_SCENARIO, "utf8")
    .replace(/^duration: .*$/m, "duration: 500 ms")
    .replace(/^warmup: .*$/m, "warmup: 0 s")
    .replace(/\.\.\/workloads\//, WORKLOADS),
);
const socsim = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });

interface TraceEvent {
  ph: string;
  ts?: number;
  dur?: number;
}

describe("bounded runs", () => {
  it("--trace-window records only slices and counters that touch the window", () => {
    const result = socsim(
      "run",
      scenario,
      "--out",
      "windowed",
      "--quiet",
      "--trace-window",
      "100ms..200ms",
    );
    expect(result.stderr).toBe("");
    const events = (
      JSON.parse(readFileSync(join(cwd, "windowed", "trace.json"), "utf8")) as {
        traceEvents: TraceEvent[];
      }
    ).traceEvents;
    const slices = events.filter((event) => event.ph === "X");
    const counters = events.filter((event) => event.ph === "C");
    expect(slices.length).toBeGreaterThan(0);
    expect(counters.length).toBeGreaterThan(0);
    for (const slice of slices) {
      expect(slice.ts! + slice.dur!).toBeGreaterThanOrEqual(100_000);
      expect(slice.ts!).toBeLessThanOrEqual(200_000);
    }
    for (const counter of counters) {
      expect(counter.ts!).toBeGreaterThanOrEqual(100_000);
      expect(counter.ts!).toBeLessThanOrEqual(200_000);
    }
  });

  it("refuses a trace past --max-trace in one line naming the ways out, and writes nothing", () => {
    const result = socsim("run", scenario, "--out", "too-big", "--quiet", "--max-trace", "1kB");
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/--trace-window.*--no-trace.*--max-trace/);
    expect(existsSync(join(cwd, "too-big"))).toBe(false);
    expect(
      socsim("run", scenario, "--out", "no-trace", "--quiet", "--max-trace", "1kB", "--no-trace")
        .status,
    ).toBe(0);
  });

  it("rejects malformed limits and windows as bad usage", () => {
    for (const args of [
      ["--trace-window", "5s..2s"],
      ["--max-ops", "-3"],
      ["--max-trace", "lots"],
    ]) {
      const result = socsim("run", scenario, "--out", "never", "--quiet", ...args);
      expect(result.status).toBe(2);
      expect(existsSync(join(cwd, "never"))).toBe(false);
    }
  });
});
