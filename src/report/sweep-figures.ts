import type { Results } from "../metrics/results.ts";
import type { ResultsLine } from "../scenario/sweep/results-file.ts";
import {
  APP_METRICS,
  type AppMetric,
  capitalised,
  distinct,
  type Figure,
  seriesName,
  valueScale,
} from "./figure.ts";

/** One app under one scheduler in one run of the sweep. */
interface Row {
  readonly axes: Readonly<Record<string, string>>;
  readonly seed: number;
  readonly policy: string;
  readonly app: string;
  readonly series: string;
  readonly model: Results["runs"][number]["models"][number];
}

/**
 * report.html's plots of a sweep: per app metric, the schedulers compared
 * with their spread across seeds (the scheduler is the sweep's implicit
 * axis), then each metric against each axis but the seed, averaged over
 * the other axes.
 */
export function sweepFigures(lines: readonly ResultsLine[]): Figure[] {
  // Ordered by run id, as the table is, so that a merged sweep plots as the unsharded one.
  const sorted = [...lines].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = sorted.flatMap((line) => {
    const results = line.results as Results;
    const axes = Object.fromEntries(
      Object.entries(line.axes).map(([axis, value]) => [axis, axisLabel(value)]),
    );
    return results.runs.flatMap((run) =>
      run.models.map((model) => ({
        axes,
        seed: results.seed,
        policy: run.label,
        app: model.app,
        series: seriesName(model.app, run.label),
        model,
      })),
    );
  });
  const axes = distinct(lines.flatMap((line) => Object.keys(line.axes))).filter(
    (axis) => axis !== "seed",
  );
  return [
    ...APP_METRICS.map((metric) => spreadBars(rows, metric)),
    ...axes.map((axis) => againstAxis(rows, axis)),
  ];
}

function axisLabel(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Groups rows by key, keeping the metric's non-null values. */
function valuesBy(
  rows: readonly Row[],
  metric: AppMetric,
  key: (row: Row) => string,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const value = metric.value(row.model);
    if (value === null) continue;
    const group = groups.get(key(row)) ?? [];
    group.push(value);
    groups.set(key(row), group);
  }
  return groups;
}

function spreadBars(rows: readonly Row[], metric: AppMetric): Figure {
  // Per seed, the mean over the other axes; then the spread of those means.
  const perSeed = valuesBy(rows, metric, (row) => JSON.stringify([row.series, row.seed]));
  const bySeries = new Map<string, number[]>();
  for (const [key, values] of perSeed) {
    const series = (JSON.parse(key) as [string, number])[0];
    bySeries.set(series, [...(bySeries.get(series) ?? []), mean(values)]);
  }
  const owner = new Map(rows.map((row) => [row.series, row]));
  const values = [...bySeries].map(([series, means]) => ({
    series,
    policy: owner.get(series)!.policy,
    app: owner.get(series)!.app,
    value: mean(means),
    low: Math.min(...means),
    high: Math.max(...means),
    seeds: means.length,
  }));
  const seeds = distinct(rows.map((row) => row.seed)).length;
  const encoding = {
    x: {
      field: "policy",
      type: "nominal",
      title: "scheduler",
      sort: null,
      axis: { labelAngle: 0 },
    },
    xOffset: { field: "app" },
    color: { field: "app", title: "app" },
    description: { field: "series" },
  } as const;
  return {
    title: `${capitalised(metric.title)} by scheduler`,
    caption: `Bars: the mean over ${seeds} seed${seeds === 1 ? "" : "s"} of each seed's mean over the other axes; whiskers: the lowest and highest seed.`,
    series: values.map((value) => value.series),
    spec: {
      width: { step: 16 * Math.max(1, distinct(values.map((value) => value.app)).length) },
      height: 180,
      data: { values },
      layer: [
        {
          mark: { type: "bar" },
          encoding: {
            ...encoding,
            y: {
              field: "value",
              type: "quantitative",
              title: metric.title,
              scale: valueScale(values.flatMap((value) => [value.value, value.high])),
            },
          },
        },
        {
          mark: { type: "rule", color: "black" },
          encoding: {
            ...encoding,
            color: { value: "black" },
            y: { field: "low", type: "quantitative" },
            y2: { field: "high" },
          },
        },
      ],
    },
  };
}

function againstAxis(rows: readonly Row[], axis: string): Figure {
  const order = distinct(rows.map((row) => row.axes[axis] ?? "–")).sort();
  const numeric = order.every((label) => label !== "" && Number.isFinite(Number(label)));
  const panels = APP_METRICS.map((metric) => {
    const groups = valuesBy(rows, metric, (row) =>
      JSON.stringify([row.series, row.axes[axis] ?? "–"]),
    );
    const values = [...groups].map(([key, group]) => {
      const [series, label] = JSON.parse(key) as [string, string];
      return { series, value_label: label, value_number: Number(label), value: mean(group) };
    });
    return { metric, values };
  }).filter((panel) => panel.values.length > 0);
  const series = distinct(panels.flatMap((panel) => panel.values.map((value) => value.series)));
  return {
    title: `Against ${axis}`,
    caption: `Each app metric against the axis \`${axis}\`, per app and scheduler, averaged over every other axis and seed.`,
    series,
    spec: {
      hconcat: panels.map(({ metric, values }) => ({
        width: 170,
        height: 160,
        data: { values },
        mark: { type: "line", point: true },
        encoding: {
          x: numeric
            ? { field: "value_number", type: "quantitative", title: axis }
            : { field: "value_label", type: "ordinal", title: axis, sort: order },
          y: {
            field: "value",
            type: "quantitative",
            title: metric.title,
            scale: valueScale(values.map((value) => value.value)),
          },
          color: { field: "series", title: "app · scheduler" },
          description: { field: "series" },
        },
      })),
    },
  };
}
