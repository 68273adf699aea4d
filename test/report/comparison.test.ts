import { describe, expect, it } from "vitest";
import type { ModelResult, Results, RunResult } from "../../src/metrics/results.ts";
import { comparisonTable, reportMarkdown } from "../../src/report/comparison.ts";

const starved: ModelResult = {
  app: "starved",
  model: "resnet50",
  requests: 12,
  completed: 0,
  dropped: 5,
  in_flight: 7,
  latency_ms: { mean: null, p50: null, p90: null, p99: null, max: null },
  throughput_fps: 0,
  slo_ms: 100,
  slo_violation_rate: 1,
  energy_per_inference_mj: null,
  fallback_ops: 176,
};

const run: RunResult = {
  scheduler: "single-dsp",
  label: "dsp-everything",
  params: {},
  models: [starved],
  processors: [],
  energy_j: 3,
  avg_power_w: 1,
  max_skin_temp_c: 30,
  external_heat_j: 0,
  antt: null,
  stp: null,
  fairness: null,
  ui: null,
  events: 10,
};

const results: Results = {
  socsim: "test",
  scenario: "s",
  seed: 1,
  soc: "snapdragon-855",
  simulated_s: 1,
  runs: [run],
};

/** The cells of the table's one data row, by header. */
function rowOf(markdown: string): Record<string, string> {
  const lines = markdown.split("\n").filter((line) => line.startsWith("| "));
  const cells = (line: string) => line.slice(2, -2).split(" | ");
  const header = cells(lines[0]!);
  const row = cells(lines[2]!);
  return Object.fromEntries(header.map((name, index) => [name, row[index]!]));
}

describe("the comparison table", () => {
  it("shows each app's dropped requests and fallback ops, and – where nothing completed", () => {
    const row = rowOf(reportMarkdown(results, {}));
    expect(row).toMatchObject({
      scheduler: "dsp-everything",
      "done/req": "0/12",
      dropped: "5",
      "mean ms": "–",
      "p99 ms": "–",
      "SLO miss": "100 %",
      "mJ/inf": "–",
      "fallback ops": "176",
    });
    expect(comparisonTable(results)).toContain("fallback ops");
  });

  it("reports null ANTT, STP and fairness as –, never as a number", () => {
    const runLevel = reportMarkdown(results, {})
      .split("\n")
      .find((line) => line.startsWith("| dsp-everything | –"));
    expect(runLevel).toBe("| dsp-everything | – | – | – | 1.00 | 30.0 |");
  });
});
