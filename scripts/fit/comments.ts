import type { PathSegment } from "../../src/core/index.ts";
import type { FitOutcome, FitSetup } from "./fit.ts";

/**
 * The source comment each fitted value carries: `derived: fitted to …` where
 * rows of that SoC exercise the very processor or back-end holding the
 * value, `derived: transferred from …` elsewhere (a SoC without rows, or a
 * cluster no row runs on, takes the value by microarchitecture or framework).
 */

function sections(rows: readonly { row: { section: string } }[]): string {
  return [...new Set(rows.map(({ row }) => row.section))].sort().join(", ");
}

/** Whether a prepared row's targets use the processor or framework back-end at `path`. */
function exercises(path: readonly PathSegment[], prepared: FitSetup["rows"][number]): boolean {
  const { target, fallback } = prepared.placement;
  if (path[0] === "processors")
    return [...target.domains, ...fallback.domains].includes(String(path[1]));
  if (path[0] === "frameworks") {
    if (prepared.row.framework !== path[1]) return false;
    const kind = path[3];
    return target.kind === kind || (kind === "cpu" && prepared.placement.fallbackOps > 0);
  }
  return false;
}

export function fittedComment(
  setup: FitSetup,
  outcome: FitOutcome,
  parameter: number,
  soc: string,
  path: readonly PathSegment[],
): string {
  const rows = outcome.dependents[parameter]!.map((index) => setup.rows[index]!);
  const count = `${rows.length} row${rows.length === 1 ? "" : "s"}`;
  const here = rows.filter((prepared) => prepared.row.soc === soc && exercises(path, prepared));
  if (here.length > 0)
    return `derived: fitted to ${count} of calib ${sections(rows)} (npm run fit)`;
  const bySoc = new Map<string, number>();
  for (const { row } of rows) bySoc.set(row.soc, (bySoc.get(row.soc) ?? 0) + 1);
  const source = [...bySoc.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0]?.[0];
  if (source === undefined)
    return "derived: no calibration row moves this value; it stays at the fit's prior (npm run fit)";
  return `derived: transferred from socs/${source}.yaml (${setup.parameters[parameter]!.name}, fitted to ${count} of calib ${sections(rows)})`;
}
