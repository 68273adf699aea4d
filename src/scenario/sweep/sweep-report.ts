import type { Results } from "../../metrics/results.ts";
import { markdownRow } from "../output/markdown-row.ts";
import type { ResultsLine } from "./results-file.ts";

/**
 * The sweep's table: one row per run, scheduler label and app, with the
 * run's axis values first, ordered by run id so that a merged sweep and an
 * unsharded one print the same report.
 */
export function sweepTable(lines: readonly ResultsLine[]): { header: string[]; rows: string[][] } {
  const sorted = [...lines].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const axes = [...new Set(sorted.flatMap((line) => Object.keys(line.axes)))];
  const header = [
    "run",
    ...axes,
    "scheduler",
    "app",
    "completed/requests",
    "mean ms",
    "p99 ms",
    "SLO miss",
    "energy J",
  ];
  const rows = sorted.flatMap((line) =>
    (line.results as Results).runs.flatMap((run) =>
      run.models.map((model) => [
        line.id,
        ...axes.map((axis) => (axis in line.axes ? cell(line.axes[axis]) : "–")),
        run.label,
        model.app,
        `${model.completed}/${model.requests}`,
        fixed(model.latency_ms.mean, 2),
        fixed(model.latency_ms.p99, 2),
        model.slo_violation_rate === null
          ? "–"
          : `${(model.slo_violation_rate * 100).toFixed(1)} %`,
        run.energy_j.toFixed(3),
      ]),
    ),
  );
  return { header, rows };
}

/** The line under a sweep report's heading. */
export function sweepSummary(lines: readonly ResultsLine[]): string {
  return `${lines.length} runs; \`–\` stands for a null value.`;
}

/** report.md of a sweep: its table. */
export function sweepReportMarkdown(name: string, lines: readonly ResultsLine[]): string {
  const { header, rows } = sweepTable(lines);
  const table = [header, header.map(() => "---"), ...rows].map(markdownRow);
  return `# Sweep ${name}\n\n${sweepSummary(lines)}\n\n${table.join("\n")}\n`;
}

function cell(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fixed(value: number | null, digits: number): string {
  return value === null ? "–" : value.toFixed(digits);
}
