import type { ComparisonRow } from "./compare.ts";
import type { Finding } from "./finding.ts";

/** The first line of docs/reproductions.md: how `reproduce` knows a file is its own to replace. */
export const DOC_HEADER = "<!-- Written by `socsim reproduce`; do not edit by hand. -->";

/** One finding's outcome, as the document shows it. */
export interface FindingReport {
  readonly finding: Finding;
  readonly rows: readonly ComparisonRow[];
  /** The finding's scenario or sweep file, as the reader finds it. */
  readonly file: string;
  /** The runs' folder (report.md, report.html when written), or null when nothing ran. */
  readonly outputs: string | null;
  readonly hasHtmlReport: boolean;
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

/**
 * docs/reproductions.md: a summary table of every claim (the phones'
 * figure beside socsim's, the direction, the size error), then per
 * finding its setting, rows with the numbers behind them, and for each
 * disagreement the most likely reason in the model.
 */
export function reproductionsMarkdown(
  reports: readonly FindingReport[],
  mode: "full" | "quick",
  socsim: string,
): string {
  const rows = reports.flatMap((report) => report.rows);
  const count = (agreement: string) => rows.filter((row) => row.agreement === agreement).length;
  const lines = [
    DOC_HEADER,
    "",
    "# The seed study on socsim",
    "",
    `socsim ${socsim}, \`socsim reproduce${mode === "quick" ? " --quick" : ""}\` (${mode === "quick" ? "shortened runs, for CI" : "full runs"}).`,
    "Each row is one direction of the seed study (shared/research/seed-study.md):",
    "what the phones showed (scenarios/paper/phones.yaml, with its section) beside",
    "what socsim gives on the same phones, models and policies (scenarios/paper/).",
    "**same** means socsim shows the phones' direction; **opposite** that it does not.",
    "The size error compares socsim's figure with the paper's where the paper gives",
    "one. Nothing here is tuned to agree: a disagreement is reported with the most",
    "likely reason in the model.",
    "",
    `${count("same")} same, ${count("opposite")} opposite, ${count("not expressible")} not expressible, of ${rows.length} directions.`,
    "",
    "| finding | direction the phones showed | phones | socsim | direction | size error |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (row) =>
        `| ${row.claim} | ${cell(row.direction)} | ${cell(row.paper)} | ${cell(row.socsim)} | ${row.agreement} | ${row.error ?? "—"} |`,
    ),
    "",
  ];
  for (const report of reports) lines.push(...findingSection(report));
  return `${lines.join("\n")}\n`;
}

function findingSection(report: FindingReport): string[] {
  const { finding } = report;
  const lines = [`## ${finding.id}: ${finding.title}`, "", `Setting: \`${report.file}\`.`];
  if (finding.paperPlot !== undefined) {
    const plots = report.hasHtmlReport
      ? `the runs' plots are in \`${report.outputs}/report.html\``
      : report.outputs === null
        ? "no runs, no plots"
        : `plots: socsim writes no report.html for sweeps yet; the runs' table is \`${report.outputs}/report.md\``;
    lines.push(`The paper plotted it in ${finding.paperPlot}; ${plots}.`);
  }
  lines.push("");
  for (const row of report.rows) {
    lines.push(`- **${row.claim}** (${row.source}): ${row.direction}.`);
    lines.push(
      `  Phones: ${row.paper}. socsim: ${row.socsim}. Direction: ${row.agreement}${row.error === null ? "" : `; size error ${row.error}`}.`,
    );
    for (const detail of row.detail) lines.push(`  - ${detail}`);
    if (row.reason !== null) {
      const label =
        row.agreement === "not expressible" ? "Not yet expressible" : "Most likely reason";
      lines.push(`  - ${label}: ${row.reason}.`);
    }
  }
  lines.push("");
  return lines;
}
