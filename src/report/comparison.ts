import Table from "cli-table3";
import type { Results } from "../metrics/results.ts";

/** One row per (scheduler, app): the figures a reader compares first. */
function rows(results: Results): string[][] {
  const fixed = (x: number | null, digits = 1) => (x === null ? "–" : x.toFixed(digits));
  return results.runs.flatMap((run) =>
    run.models.map((model) => [
      run.label,
      `${model.app} (${model.model})`,
      `${model.completed}/${model.requests}`,
      fixed(model.latency_ms.mean),
      fixed(model.latency_ms.p99),
      fixed(model.throughput_fps, 2),
      model.slo_violation_rate === null ? "–" : `${(model.slo_violation_rate * 100).toFixed(0)} %`,
      fixed(model.energy_per_inference_mj, 0),
      run.ui ? `${(run.ui.drop_rate * 100).toFixed(1)} %` : "–",
      fixed(run.energy_j, 2),
    ]),
  );
}

const HEADER = [
  "scheduler",
  "app (model)",
  "done/req",
  "mean ms",
  "p99 ms",
  "fps",
  "SLO miss",
  "mJ/inf",
  "UI drop",
  "energy J",
];

/** The comparison table for a terminal. */
export function comparisonTable(results: Results): string {
  const table = new Table({ head: HEADER, style: { head: [], border: [] } });
  for (const row of rows(results)) table.push(row);
  return table.toString();
}

/** `report.md`: the comparison table and the scenario's settings. */
export function reportMarkdown(results: Results, settings: Record<string, unknown>): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    `# ${results.scenario} on ${results.soc}`,
    "",
    `socsim ${results.socsim}, seed ${results.seed}, ${results.simulated_s} s simulated after warm-up.`,
    "",
    line(HEADER),
    line(HEADER.map(() => "---")),
    ...rows(results).map(line),
    "",
    "Run-level figures: ANTT, STP and fairness as PREMA defines them (lower ANTT, higher STP, fairness near 1 are better).",
    "",
    line(["scheduler", "ANTT", "STP", "fairness", "avg power W", "max skin °C"]),
    line(["---", "---", "---", "---", "---", "---"]),
    ...results.runs.map((run) =>
      line([
        run.label,
        run.antt.toFixed(2),
        run.stp.toFixed(2),
        run.fairness.toFixed(2),
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
