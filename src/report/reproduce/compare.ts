import type { Claim, Finding, Measurement } from "./finding.ts";
import type { FindingRuns } from "./finding-runs.ts";
import type { PaperFigure, PaperFigures } from "./paper-figures.ts";

export type Direction = "same" | "opposite" | "not expressible";

/** One row of docs/reproductions.md. */
export interface ComparisonRow {
  readonly finding: string;
  /** `F1.codl-image-best-sd855`: the key of the paper's figure. */
  readonly claim: string;
  readonly direction: string;
  readonly source: string;
  readonly paper: string;
  readonly socsim: string;
  readonly agreement: Direction;
  /** Size error against the paper's figure; null where the paper gives none. */
  readonly error: string | null;
  /** Most likely reason in the model, for a disagreement or what cannot be expressed. */
  readonly reason: string | null;
  readonly detail: readonly string[];
}

export function compareClaim(
  finding: Finding,
  claim: Claim,
  paper: PaperFigures,
  runs: FindingRuns | string,
): ComparisonRow {
  const figure = paper[claim.figure];
  if (figure === undefined) throw new Error(`scenarios/paper/phones.yaml lacks ${claim.figure}`);
  const measured: Measurement =
    typeof runs === "string" ? { notExpressible: runs } : claim.measure(runs);
  const base = {
    finding: finding.id,
    claim: claim.figure,
    direction: claim.direction,
    source: figure.source,
    paper: paperShown(figure),
  };
  if ("notExpressible" in measured) {
    return {
      ...base,
      socsim: "—",
      agreement: "not expressible",
      error: null,
      reason: measured.notExpressible,
      detail: [],
    };
  }
  return {
    ...base,
    socsim: measured.shown,
    agreement: measured.holds ? "same" : "opposite",
    error: sizeError(figure, measured),
    reason: measured.holds ? null : claim.ifOpposite,
    detail: measured.detail ?? [],
  };
}

/** The paper's figure as the row prints it: its words (which quote its numbers), and Table 3's cells. */
function paperShown(figure: PaperFigure): string {
  if (figure.cells === undefined) return figure.text;
  const cells = Object.entries(figure.cells).map(([key, value]) => `${key} +${value} %`);
  return `${figure.text} (${cells.join(", ")})`;
}

/** socsim's size against the paper's: relative for a value, distance outside a range or below a bound, points for cells. */
function sizeError(
  figure: PaperFigure,
  measured: Exclude<Measurement, { notExpressible: string }>,
): string | null {
  const value = measured.value;
  if (figure.cells !== undefined) {
    const cells = measured.cells ?? {};
    const gaps = Object.entries(figure.cells)
      .filter(([key]) => cells[key] !== undefined)
      .map(([key, paper]) => Math.abs(cells[key]! - paper));
    if (gaps.length === 0) return null;
    return `mean gap ${(gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(1)} points`;
  }
  if (value === undefined) return null;
  // Shares and reductions differ in points; ratios and latencies relatively.
  const gap = figure.unit === "share" || figure.unit === "reduction" ? points : relative;
  if (figure.value !== undefined) return gap(value, figure.value);
  if (figure.range !== undefined) {
    const [low, high] = figure.range;
    if (value >= low && value <= high) return "inside the range";
    return value < low
      ? `${unsigned(gap(value, low))} below its low end`
      : `${unsigned(gap(value, high))} above its high end`;
  }
  if (figure.at_least !== undefined) {
    return value >= figure.at_least
      ? "meets the bound"
      : `${unsigned(gap(value, figure.at_least))} below the bound`;
  }
  return null;
}

const unsigned = (gap: string) => gap.replace(/^[+-]/, "");

function relative(value: number, paper: number): string {
  const change = ((value - paper) / Math.abs(paper)) * 100;
  return `${change >= 0 ? "+" : ""}${change.toFixed(0)} %`;
}

function points(value: number, paper: number): string {
  const change = (value - paper) * 100;
  return `${change >= 0 ? "+" : ""}${change.toFixed(1)} points`;
}

/** A figure in the unit the paper uses: ratios as ×, shares and reductions as %, latencies in ms. */
export function formatValue(value: number, unit: PaperFigure["unit"]): string {
  switch (unit) {
    case "×":
      return `${value.toFixed(2)}×`;
    case "share":
    case "reduction":
      return `${(value * 100).toFixed(1)} %`;
    case "%":
      return `${value.toFixed(1)} %`;
    case "ms":
      return `${value.toFixed(1)} ms`;
    default:
      return String(value);
  }
}
