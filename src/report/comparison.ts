import Table from "cli-table3";
import type { Results } from "../metrics/results.ts";
import { markdownRow } from "../scenario/output/markdown-row.ts";

/** A figure, or "–" where results.json has null (nothing completed, no SLO). */
function fixed(x: number | null, digits = 1): string {
  return x === null ? "–" : x.toFixed(digits);
}

function percent(x: number | null, digits = 0): string {
  return x === null ? "–" : `${(x * 100).toFixed(digits)} %`;
}

/** One row per (scheduler, app): the figures a reader compares first. */
export function comparisonRows(results: Results): string[][] {
  return results.runs.flatMap((run) =>
    run.models.map((model) => [
      run.label,
      `${model.app} (${model.model})`,
      `${model.completed}/${model.requests}`,
      String(model.dropped),
      fixed(model.latency_ms.mean),
      fixed(model.latency_ms.p99),
      fixed(model.throughput_fps, 2),
      percent(model.slo_violation_rate),
      fixed(model.energy_per_inference_mj, 0),
      String(model.fallback_ops),
      run.ui ? percent(run.ui.drop_rate, 1) : "–",
      fixed(run.energy_j, 2),
    ]),
  );
}

export const COMPARISON_HEADER = [
  "scheduler",
  "app (model)",
  "done/req",
  "dropped",
  "mean ms",
  "p99 ms",
  "fps",
  "SLO miss",
  "mJ/inf",
  "fallback ops",
  "UI drop",
  "energy J",
];

/** The comparison table for a terminal. */
export function comparisonTable(results: Results): string {
  const table = new Table({ head: COMPARISON_HEADER, style: { head: [], border: [] } });
  for (const row of comparisonRows(results)) table.push(row);
  return table.toString();
}

/** `report.md`: the comparison table and the scenario's settings. */
export function reportMarkdown(results: Results, settings: Record<string, unknown>): string {
  return [
    `# ${results.scenario} on ${results.soc}`,
    "",
    `socsim ${results.socsim}, seed ${results.seed}, ${results.simulated_s} s simulated after warm-up.`,
    "",
    markdownRow(COMPARISON_HEADER),
    markdownRow(COMPARISON_HEADER.map(() => "---")),
    ...comparisonRows(results).map((row) => markdownRow(row)),
    "",
    "Run-level figures: ANTT, STP and fairness as PREMA defines them (lower ANTT, higher STP, fairness near 1 are better), " +
      "against each app's latency alone on its fastest processor; – where an app completed nothing.",
    "",
    markdownRow(["scheduler", "ANTT", "STP", "fairness", "avg power W", "max skin °C"]),
    markdownRow(["---", "---", "---", "---", "---", "---"]),
    ...results.runs.map((run) =>
      markdownRow([
        run.label,
        fixed(run.antt, 2),
        fixed(run.stp, 2),
        fixed(run.fairness, 2),
        run.avg_power_w.toFixed(2),
        run.max_skin_temp_c.toFixed(1),
      ]),
    ),
    "",
    "## Settings",
    "",
    "```json",
    JSON.stringify(settings, null, 2),
    "```",
    "",
  ].join("\n");
}
