import type { TopLevelSpec } from "vega-lite";
import type { ModelResult } from "../metrics/results.ts";

/** One plot of report.html: a vega-lite spec and the series it is meant to show. */
export interface Figure {
  readonly title: string;
  readonly caption: string;
  /**
   * The series drawn, each the description (an SVG aria-label) of at least
   * one of the plot's marks: the browser test checks every one is there.
   */
  readonly series: readonly string[];
  readonly spec: TopLevelSpec;
}

/** The name of an app's series under one scheduler, the unit every plot's marks are labelled by. */
export function seriesName(app: string, policy: string): string {
  return `${app} · ${policy}`;
}

/** An app-level figure of results.json, plotted per app and policy in run and sweep reports alike. */
export interface AppMetric {
  readonly field: string;
  readonly title: string;
  readonly value: (model: ModelResult) => number | null;
}

export const APP_METRICS: readonly AppMetric[] = [
  { field: "mean_ms", title: "mean latency (ms)", value: (m) => m.latency_ms.mean },
  { field: "p99_ms", title: "p99 latency (ms)", value: (m) => m.latency_ms.p99 },
  { field: "fps", title: "throughput (fps)", value: (m) => m.throughput_fps },
  { field: "slo_miss", title: "SLO miss rate", value: (m) => m.slo_violation_rate },
  {
    field: "mj_per_inference",
    title: "energy per inference (mJ)",
    value: (m) => m.energy_per_inference_mj,
  },
];

/** Distinct values in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

export function capitalised(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/**
 * A value axis's scale: vega-lite's own, except when every value is zero,
 * where it would be a single point [0, 0]; then 0 to 1.
 */
export function valueScale(values: readonly number[]): { domain?: [number, number] } {
  return values.every((value) => value === 0) ? { domain: [0, 1] } : {};
}
