import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../../src/metrics/latency-histogram.ts";
import { RunSeriesRecorder } from "../../src/metrics/run-series.ts";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

const WORKLOAD = new URL("../../workloads/seed-trio.yaml", import.meta.url).pathname;

describe("report.html's series", () => {
  it("the latency CDF rises to 1 at the exact max, each point within 1 % of a sample at or below it", () => {
    const histogram = new LatencyHistogram();
    const samples = [3e6, 3e6, 5e6, 5.02e6, 40e6, 41e6, 120e6];
    for (const sample of samples) histogram.add(sample);
    const cdf = histogram.cdf();
    expect(cdf.at(-1)).toEqual({ latencyNs: 120e6, fraction: 1 });
    for (const [index, point] of cdf.entries()) {
      if (index > 0) expect(point.fraction).toBeGreaterThan(cdf[index - 1]!.fraction);
      const below = samples.filter((sample) => sample <= point.latencyNs * 1.01);
      expect(below.length / samples.length).toBeGreaterThanOrEqual(point.fraction);
    }
    expect(cdf[0]!.fraction).toBeCloseTo(2 / 7);
  });

  it("the timeline's window opens at warm-up and closes after 100 ms once every app has run, keeping jobs already started", () => {
    const recorder = new RunSeriesRecorder(["a", "b"], 1e9, 10e9);
    recorder.execution("cpu", 0, "a", 0.5e9, 1.01e9); // before warm-up
    recorder.execution("cpu", 0, "a", 1.02e9, 1.2e9);
    recorder.execution("gpu", 0, "b", 1.05e9, 1.3e9); // every app seen, 100 ms passed: closes at 1.3 s
    recorder.execution("gpu", 1, "a", 1.25e9, 1.35e9); // started before the close: kept
    recorder.execution("cpu", 0, "a", 1.31e9, 1.4e9); // after: dropped
    const series = recorder.finish("p", []);
    expect(series.windowNs).toEqual({ from: 1e9, to: 1.3e9 });
    expect(series.executions.map((execution) => execution.startNs)).toEqual([
      1.02e9, 1.05e9, 1.25e9,
    ]);
  });

  it("a window whose apps never all run stops at 4000 executions; counters come at most 200 times a run", () => {
    const recorder = new RunSeriesRecorder(["busy", "idle"], 0, 100e9);
    for (let index = 0; index < 10_000; index++) {
      recorder.execution("cpu", 0, "busy", index * 1e6, index * 1e6 + 5e5);
    }
    expect(recorder.finish("p", []).executions).toHaveLength(4000);
    expect(100e9 / recorder.counterIntervalNs).toBeLessThanOrEqual(200);
  });

  it("recording the series changes no result", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "socsim-series-")), "short.yaml");
    writeFileSync(
      file,
      `kind: scenario\nname: short\nsoc: snapdragon-855\nworkload: ${WORKLOAD}\nschedulers: [single-gpu, codl]\nduration: 1.5 s\nwarmup: 0.5 s\nseed: 3\n`,
    );
    const scenario = await loadScenario(file);
    const plain = runExperiment(scenario, { seed: 3, trace: false });
    const recorded = runExperiment(scenario, { seed: 3, trace: false, series: true });
    expect(JSON.stringify(recorded.results)).toBe(JSON.stringify(plain.results));
    expect(plain.series).toEqual([]);
    expect(recorded.series.map((run) => run.label)).toEqual(["single-gpu", "codl"]);
    for (const run of recorded.series) {
      expect(new Set(run.executions.map((execution) => execution.app))).toEqual(
        new Set([...scenario.workload.apps.map((app) => app.name), "ui", "background-sync"]),
      );
      expect(run.counters.length).toBeGreaterThan(0);
      expect(run.latency.map((app) => app.app).sort()).toEqual(
        scenario.workload.apps.map((app) => app.name).sort(),
      );
    }
  });
});
