import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/metrics/results.ts";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

const DEFAULT = new URL("../../scenarios/default.yaml", import.meta.url).pathname;

/** A column of the summary table: its value per run and whether lower is better. */
interface Column {
  readonly name: string;
  readonly value: (run: RunResult) => number | null;
  readonly lowerIsBetter: boolean;
}

function tableColumns(appCount: number): Column[] {
  const perApp = (index: number): Column[] => [
    {
      name: `mean ms ${index}`,
      value: (r) => r.models[index]!.latency_ms.mean,
      lowerIsBetter: true,
    },
    { name: `p99 ms ${index}`, value: (r) => r.models[index]!.latency_ms.p99, lowerIsBetter: true },
    { name: `fps ${index}`, value: (r) => r.models[index]!.throughput_fps, lowerIsBetter: false },
    {
      name: `SLO ${index}`,
      value: (r) => r.models[index]!.slo_violation_rate,
      lowerIsBetter: true,
    },
    {
      name: `mJ/inf ${index}`,
      value: (r) => r.models[index]!.energy_per_inference_mj,
      lowerIsBetter: true,
    },
  ];
  return [
    ...Array.from({ length: appCount }, (_, index) => perApp(index)).flat(),
    { name: "UI drop", value: (r) => r.ui?.drop_rate ?? null, lowerIsBetter: true },
    { name: "energy J", value: (r) => r.energy_j, lowerIsBetter: true },
  ];
}

/** Whether `run` is at least as good as every other run on the column (a missing value is worst). */
function bestOn(column: Column, run: RunResult, runs: readonly RunResult[]): boolean {
  const worst = column.lowerIsBetter ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const score = (r: RunResult) => column.value(r) ?? worst;
  return runs.every((other) =>
    column.lowerIsBetter ? score(run) <= score(other) : score(run) >= score(other),
  );
}

describe("the bundled default scenario", () => {
  it("compares policies that genuinely differ: an int8 app on the DSP, SLOs of one frame period, no policy best everywhere", async () => {
    const scenario = await loadScenario(DEFAULT);
    const { results } = runExperiment(scenario, { seed: 1, trace: false });
    const { apps } = scenario.workload;
    for (const app of apps) {
      if (app.arrival.process === "periodic")
        expect(app.slo!).toBeLessThanOrEqual(1 / app.arrival.fps);
    }
    const dsp = results.runs.find((run) => run.scheduler === "single-dsp")!;
    const onDsp = apps
      .map((app, index) => ({ app, index }))
      .filter(({ app }) => app.dtype === "int8");
    expect(onDsp.length).toBeGreaterThan(0);
    for (const { index } of onDsp) {
      const ops = scenario.graphs[index]!.ops.length;
      expect(dsp.models[index]!.fallback_ops / ops).toBeLessThan(0.1);
    }
    expect(dsp.processors.find((p) => p.kind === "dsp")!.busy_s).toBeGreaterThan(0);
    // Every app can meet its SLO under some policy.
    apps.forEach((_, index) => {
      const misses = results.runs.map((run) => run.models[index]!.slo_violation_rate!);
      expect(Math.min(...misses)).toBeLessThan(0.1);
    });
    const columns = tableColumns(apps.length);
    for (const run of results.runs) {
      const lost = columns.filter((column) => !bestOn(column, run, results.runs));
      expect(lost.length, `${run.label} is best on every column`).toBeGreaterThan(0);
    }
  });

  it("matches its fixed-seed snapshot (an intended change of behaviour updates the snapshot)", async () => {
    const scenario = await loadScenario(DEFAULT);
    const { results } = runExperiment(scenario, { seed: 1, trace: false });
    await expect(
      `${JSON.stringify({ ...results, socsim: "pinned" }, null, 2)}\n`,
    ).toMatchFileSnapshot("__snapshots__/default-results.json");
  });

  it("writes a trace Perfetto can open: named tracks, processes of the SoC's processors, counters, ordered and non-overlapping slices", async () => {
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
    // Checked in plain code and asserted once: an expect per slice would dominate the test's time.
    const malformed = slices.filter(
      (slice) =>
        typeof slice.ts !== "number" ||
        !(slice.dur! >= 0) ||
        slice.args?.app === undefined ||
        slice.args.request === undefined,
    );
    expect(malformed).toEqual([]);
    for (const slice of slices) {
      const key = `${slice.pid}/${slice.tid}`;
      const track = byTrack.get(key);
      if (track === undefined) byTrack.set(key, [slice]);
      else track.push(slice);
    }
    const overlaps: string[] = [];
    for (const [key, track] of byTrack) {
      const sorted = [...track].sort((a, b) => a.ts! - b.ts!);
      for (let i = 1; i < sorted.length; i++) {
        // Slices on one core or queue never overlap (1 ns of rounding slack in µs units).
        const previousEnd = sorted[i - 1]!.ts! + sorted[i - 1]!.dur!;
        if (sorted[i]!.ts! < previousEnd - 1e-3) overlaps.push(`${key} at ${sorted[i]!.ts} µs`);
      }
    }
    expect(overlaps).toEqual([]);
    // Every track with a slice is named, and every process is one of the SoC's processors in one run.
    const trackNames = new Set(
      trace.traceEvents
        .filter((e) => e.ph === "M" && e.name === "thread_name")
        .map((e) => `${e.pid}/${e.tid}`),
    );
    expect([...byTrack.keys()].filter((key) => !trackNames.has(key))).toEqual([]);
    const processors = new Set(Object.keys(scenario.soc.processors));
    const processNames = trace.traceEvents
      .filter((e) => e.ph === "M" && e.name === "process_name")
      .map((e) => String(e.args?.name));
    expect(
      processNames.filter((name) => !processors.has(name.slice(0, name.indexOf(" (")))),
    ).toEqual([]);
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
