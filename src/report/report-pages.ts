import type { Results } from "../metrics/results.ts";
import type { RunSeries } from "../metrics/run-series.ts";
import type { ResultsLine } from "../scenario/sweep/results-file.ts";
import { sweepSummary, sweepTable } from "../scenario/sweep/sweep-report.ts";
import { COMPARISON_HEADER, comparisonRows } from "./comparison.ts";
import { reportHtml } from "./report-html.ts";
import { runFigures } from "./run-figures.ts";
import { sweepFigures } from "./sweep-figures.ts";

/** report.html of `socsim run`: the comparison table and the run's plots. */
export function runReportHtml(results: Results, series: readonly RunSeries[]): Promise<string> {
  return reportHtml({
    title: `${results.scenario} on ${results.soc}`,
    lines: [
      `socsim ${results.socsim}, seed ${results.seed}, ${results.simulated_s} s simulated after warm-up. report.md has the scenario's settings.`,
    ],
    table: { header: COMPARISON_HEADER, rows: comparisonRows(results) },
    figures: runFigures(results, series),
  });
}

/** report.html of `socsim sweep` and `merge`: the sweep's table and its plots across runs. */
export function sweepReportHtml(name: string, lines: readonly ResultsLine[]): Promise<string> {
  return reportHtml({
    title: `Sweep ${name}`,
    lines: [sweepSummary(lines)],
    table: sweepTable(lines),
    figures: sweepFigures(lines),
  });
}
