import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

const DEFAULT = new URL("../../scenarios/default.yaml", import.meta.url).pathname;

describe("the bundled default scenario", () => {
  it("matches its fixed-seed snapshot (an intended change of behaviour updates the snapshot)", async () => {
    const scenario = await loadScenario(DEFAULT);
    const { results } = runExperiment(scenario, { seed: 1, trace: false });
    await expect(
      `${JSON.stringify({ ...results, socsim: "pinned" }, null, 2)}\n`,
    ).toMatchFileSnapshot("__snapshots__/default-results.json");
  });

  it("writes a trace Perfetto can open: named tracks, counters, ordered and non-overlapping slices", async () => {
    const scenario = await loadScenario(DEFAULT);
    const out = mkdtempSync(join(tmpdir(), "socsim-trace-"));
    runExperiment(scenario, { seed: 1, trace: true, outDir: out });
    const trace = JSON.parse(readFileSync(join(out, "trace.json"), "utf8")) as {
      traceEvents: {
        ph: string;
        pid: number;
        tid: number;
        ts?: number;
        dur?: number;
        name: string;
        args?: Record<string, unknown>;
      }[];
    };
    const slices = trace.traceEvents.filter((e) => e.ph === "X");
    expect(slices.length).toBeGreaterThan(100);
    expect(trace.traceEvents.some((e) => e.ph === "C")).toBe(true);
    expect(trace.traceEvents.some((e) => e.ph === "M" && e.name === "process_name")).toBe(true);
    const byTrack = new Map<string, typeof slices>();
    for (const slice of slices) {
      expect(typeof slice.ts).toBe("number");
      expect(slice.dur).toBeGreaterThanOrEqual(0);
      expect(slice.args).toHaveProperty("app");
      expect(slice.args).toHaveProperty("request");
      const key = `${slice.pid}/${slice.tid}`;
      byTrack.set(key, [...(byTrack.get(key) ?? []), slice]);
    }
    for (const track of byTrack.values()) {
      const sorted = [...track].sort((a, b) => a.ts! - b.ts!);
      for (let i = 1; i < sorted.length; i++) {
        // Slices on one core or queue never overlap (1 ns of rounding slack in µs units).
        expect(sorted[i]!.ts!).toBeGreaterThanOrEqual(
          sorted[i - 1]!.ts! + sorted[i - 1]!.dur! - 1e-3,
        );
      }
    }
    const lines = readFileSync(join(out, "requests.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(lines[0]!)).toHaveProperty("latency_ms");
    // One line per reported request: completed, dropped or still in flight at the end.
    const { results } = runExperiment(scenario, { seed: 1, trace: false });
    const reported = results.runs
      .flatMap((run) => run.models)
      .reduce((sum, m) => sum + m.requests, 0);
    expect(lines).toHaveLength(reported);
  });
});
