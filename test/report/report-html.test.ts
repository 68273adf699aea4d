import { describe, expect, it } from "vitest";
import type { ModelResult, Results } from "../../src/metrics/results.ts";
import { runReportHtml } from "../../src/report/report-pages.ts";

const idle: ModelResult = {
  app: "idle",
  model: "resnet50",
  requests: 4,
  completed: 4,
  dropped: 0,
  in_flight: 0,
  latency_ms: { mean: 20, p50: 20, p90: 20, p99: 20, max: 20 },
  throughput_fps: 2,
  slo_ms: 100,
  slo_violation_rate: 0,
  energy_per_inference_mj: 5,
  fallback_ops: 0,
};

const results: Results = {
  socsim: "test",
  scenario: "s",
  seed: 1,
  soc: "snapdragon-855",
  simulated_s: 2,
  runs: [
    {
      scheduler: "single-cpu",
      label: "cpu",
      params: {},
      models: [idle],
      processors: [],
      energy_j: 1,
      avg_power_w: 0.5,
      max_skin_temp_c: 30,
      external_heat_j: 0,
      antt: 1,
      stp: 1,
      fairness: 1,
      ui: null,
      events: 10,
    },
  ],
};

describe("report.html", () => {
  it("names the plots it has no values for instead of drawing them empty, and gives an all-zero axis the range 0 to 1", async () => {
    // No series recorded: no CDF, timeline or counters; the bars come from results.json alone.
    const html = await runReportHtml(results, []);
    expect(html).toContain(
      "Not plotted, having no values: Latency CDF; Frequency (MHz) over time; Temperature (°C) over time; Power (W) over time.",
    );
    expect(html).not.toContain('data-series="[]"');
    expect(html.match(/<figure /g)).toHaveLength(5);
    expect(html).toMatch(
      /Y-axis titled 'SLO miss rate' for a linear scale with values from 0\.0 to 1\.0/,
    );
    expect(html).not.toMatch(/<script|<link|src=|@import/);
  });
});
