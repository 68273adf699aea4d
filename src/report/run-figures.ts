import type { Results } from "../metrics/results.ts";
import {
  MAX_EXECUTIONS,
  MAX_SAMPLES,
  MIN_WINDOW_NS,
  type RunSeries,
} from "../metrics/run-series.ts";
import {
  APP_METRICS,
  type AppMetric,
  capitalised,
  distinct,
  type Figure,
  seriesName,
  valueScale,
} from "./figure.ts";

const WIDTH = 260;

/** report.html's plots of one scenario: latency CDFs, a timeline per scheduler, counters over time and comparison bars. */
export function runFigures(results: Results, series: readonly RunSeries[]): Figure[] {
  // One colour per app in every plot: the workload's apps first, then what else ran.
  const workloadApps = distinct(
    results.runs.flatMap((run) => run.models.map((model) => model.app)),
  );
  const apps = distinct([
    ...workloadApps,
    ...series.flatMap((run) => run.executions.map((execution) => execution.app)).sort(),
  ]);
  return [
    latencyCdf(series),
    ...series.map((run) => timeline(run, apps)),
    ...COUNTERS.map((counter) => counterFigure(counter, series)),
    ...APP_METRICS.map((metric) => comparisonBars(results, metric, workloadApps)),
  ];
}

function latencyCdf(series: readonly RunSeries[]): Figure {
  const values = series.flatMap((run) =>
    run.latency.flatMap(({ app, points }) =>
      points.map((point) => ({
        app,
        policy: run.label,
        series: seriesName(app, run.label),
        latency_ms: point.latencyMs,
        fraction: point.fraction,
      })),
    ),
  );
  return {
    title: "Latency CDF",
    caption:
      "Fraction of each app's completed requests at or below a latency, per scheduler (from the run's latency histogram, buckets 1 % wide).",
    series: distinct(values.map((value) => value.series)),
    spec: {
      data: { values },
      facet: { column: { field: "app", title: null } },
      resolve: { scale: { x: "independent" } },
      spec: {
        width: WIDTH,
        height: 200,
        mark: { type: "line", interpolate: "step-after" },
        encoding: {
          x: { field: "latency_ms", type: "quantitative", title: "latency (ms)" },
          y: { field: "fraction", type: "quantitative", title: "fraction of requests" },
          color: { field: "policy", title: "scheduler" },
          description: { field: "series" },
        },
      },
    },
  };
}

function timeline(run: RunSeries, apps: readonly string[]): Figure {
  const from = run.windowNs.from;
  const values = run.executions.map((execution) => ({
    lane: `${execution.processor} ${execution.lane}`,
    app: execution.app,
    series: seriesName(execution.app, run.label),
    start_ms: (execution.startNs - from) / 1e6,
    end_ms: (execution.endNs - from) / 1e6,
  }));
  const lanes = distinct(
    [...run.executions]
      .sort((a, b) => a.processor.localeCompare(b.processor) || a.lane - b.lane)
      .map((execution) => `${execution.processor} ${execution.lane}`),
  );
  return {
    title: `Timeline: ${run.label}`,
    caption: `Every job on each processor lane (CPU core thread, accelerator kernel queue, copy queues 1 and up) from the end of warm-up, ${values.length} executions over ${((run.windowNs.to - from) / 1e6).toFixed(1)} ms: the window lasts at least ${MIN_WINDOW_NS / 1e6} ms and closes once every app has run (at most ${MAX_EXECUTIONS} executions).`,
    series: distinct(values.map((value) => value.series)),
    spec: {
      width: 760,
      height: Math.max(60, lanes.length * 16),
      data: { values },
      mark: { type: "bar", clip: true },
      encoding: {
        x: {
          field: "start_ms",
          type: "quantitative",
          title: "ms after warm-up",
          scale: { domain: [0, (run.windowNs.to - from) / 1e6] },
        },
        x2: { field: "end_ms" },
        y: { field: "lane", type: "nominal", title: null, sort: lanes },
        color: { field: "app", title: "app", scale: { domain: [...apps] } },
        description: { field: "series" },
      },
    },
  };
}

interface Counter {
  readonly field: "frequencyMhz" | "temperatureC" | "powerW";
  readonly title: string;
  readonly caption: string;
}

const COUNTERS: readonly Counter[] = [
  {
    field: "frequencyMhz",
    title: "frequency (MHz)",
    caption: "Each processor's operating frequency over the run, per scheduler.",
  },
  {
    field: "temperatureC",
    title: "temperature (°C)",
    caption: "Each processor's and the skin's temperature over the run, per scheduler.",
  },
  {
    field: "powerW",
    title: "power (W)",
    caption:
      "Each processor's average power over each sampling interval, and the whole device's (DRAM and platform included), per scheduler.",
  },
];

function counterFigure(counter: Counter, series: readonly RunSeries[]): Figure {
  const values = series.flatMap((run) =>
    run.counters.flatMap((row) => {
      const value = row[counter.field];
      if (value === null || !Number.isFinite(value)) return [];
      return [
        {
          policy: run.label,
          source: row.source,
          series: seriesName(row.source, run.label),
          time_s: row.timeNs / 1e9,
          value,
        },
      ];
    }),
  );
  return {
    title: `${capitalised(counter.title)} over time`,
    caption: `${counter.caption} Sampled at the first thermal step after each interval, at most ${MAX_SAMPLES} samples a run.`,
    series: distinct(values.map((value) => value.series)),
    spec: {
      data: { values },
      facet: { field: "policy", title: null },
      columns: 3,
      spec: {
        width: WIDTH,
        height: 150,
        mark: { type: "line" },
        encoding: {
          x: { field: "time_s", type: "quantitative", title: "simulated time (s)" },
          y: { field: "value", type: "quantitative", title: counter.title },
          color: { field: "source", title: null },
          description: { field: "series" },
        },
      },
    },
  };
}

function comparisonBars(results: Results, metric: AppMetric, apps: readonly string[]): Figure {
  const values = results.runs.flatMap((run) =>
    run.models.flatMap((model) => {
      const value = metric.value(model);
      if (value === null) return [];
      return [
        { policy: run.label, app: model.app, series: seriesName(model.app, run.label), value },
      ];
    }),
  );
  return {
    title: `${capitalised(metric.title)} by scheduler`,
    caption: `One seed: no spread. An app without a bar has no value (nothing completed${metric.field === "slo_miss" ? ", or no SLO" : ""}).`,
    series: values.map((value) => value.series),
    spec: {
      width: { step: 16 * Math.max(1, distinct(values.map((value) => value.app)).length) },
      height: 180,
      data: { values },
      mark: { type: "bar" },
      encoding: {
        x: {
          field: "policy",
          type: "nominal",
          title: "scheduler",
          sort: null,
          axis: { labelAngle: 0 },
        },
        xOffset: { field: "app", sort: [...apps] },
        y: {
          field: "value",
          type: "quantitative",
          title: metric.title,
          scale: valueScale(values.map((value) => value.value)),
        },
        color: { field: "app", title: "app", scale: { domain: [...apps] } },
        description: { field: "series" },
      },
    },
  };
}
