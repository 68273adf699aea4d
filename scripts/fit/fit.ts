import type { PathSegment } from "../../src/core/index.ts";
import type { SocSpec } from "../../src/device/index.ts";
import { type PreparedRow, predictMs, prepareRow, setAt } from "./evaluate.ts";
import { coordinateScan, type FitResult, levenbergMarquardt, type Problem } from "./optimise.ts";
import type { Parameter } from "./parameters.ts";
import { type RobustLoss, reweightedFit } from "./robust.ts";
import type { CalibrationRow } from "./rows.ts";

/** The fit: parameters, the rows they are fitted to, and where each value is written. */
export interface FitSetup {
  readonly socs: ReadonlyMap<string, SocSpec>;
  readonly rows: readonly PreparedRow[];
  readonly parameters: readonly Parameter[];
  /** Per parameter, the (SoC id, path) places its value lives. */
  readonly sites: readonly (readonly { readonly soc: string; readonly path: PathSegment[] }[])[];
}

export function setupFit(
  socs: ReadonlyMap<string, SocSpec>,
  rows: readonly CalibrationRow[],
  parameters: readonly Parameter[],
): FitSetup {
  const prepared = rows.map((row) => {
    const soc = socs.get(row.soc);
    if (soc === undefined) throw new Error(`calibration row on unknown SoC ${row.soc}`);
    return prepareRow(soc, row);
  });
  const sites = parameters.map((parameter) =>
    [...socs.values()].flatMap((soc) =>
      parameter.sites(soc).map((path) => ({ soc: soc.id, path })),
    ),
  );
  return { socs, rows: prepared, parameters, sites };
}

/** A row's predicted ms: the device model's, plus the measurement overheads that apply to it. */
export function rowMs(setup: FitSetup, prepared: PreparedRow, values: ArrayLike<number>): number {
  let overhead = 0;
  setup.parameters.forEach((parameter, index) => {
    if (parameter.addsTo?.(prepared.row)) overhead += values[index]!;
  });
  return predictMs(prepared) + overhead * 1e3;
}

/** Writes every parameter's value into every SoC spec that holds it. */
export function applyValues(setup: FitSetup, values: ArrayLike<number>): void {
  setup.sites.forEach((sites, index) => {
    for (const site of sites) setAt(setup.socs.get(site.soc)!, site.path, values[index]!);
  });
}

export interface FitOutcome {
  readonly values: Float64Array;
  /** Predicted ms of every row of the setup (fitted or not) at the fitted values. */
  readonly predictedMs: Float64Array;
  /** Rows (indices into setup.rows) each parameter moves. */
  readonly dependents: readonly (readonly number[])[];
  readonly iterations: number;
  /** The robust loss's residual scale (NaN for plain squares). */
  readonly scale: number;
  /** Each row's final robust weight (NaN for rows not fitted). */
  readonly weights: Float64Array;
}

/** How rows count in the fit's cost. */
export interface FitMethod {
  /** A robust loss on the log residuals (squares when absent). */
  readonly loss?: RobustLoss;
}

/** Fits the parameters to the rows `included` selects; predicts every row at the result. */
export function fitParameters(
  setup: FitSetup,
  method: FitMethod,
  included: (row: CalibrationRow) => boolean = () => true,
): FitOutcome {
  const size = setup.parameters.length;
  const fitted = setup.rows
    .map((prepared, index) => (included(prepared.row) ? index : -1))
    .filter((index) => index >= 0);
  const priorCentre = Float64Array.from(setup.parameters, (parameter) =>
    Math.log(parameter.initial),
  );
  // Square roots of the rows' weights: the optimiser squares the residuals it is given.
  const rootWeights = new Float64Array(fitted.length);
  const predictInto = (logValues: Float64Array, out: Float64Array, rows: readonly number[]) => {
    const values = Float64Array.from(logValues, Math.exp);
    applyValues(setup, values);
    for (const position of rows) {
      const prepared = setup.rows[fitted[position]!]!;
      out[position] = Math.log(rowMs(setup, prepared, values) / prepared.row.measuredMs);
    }
  };
  const everyRow = fitted.map((_, position) => position);
  const baseline = new Float64Array(fitted.length);
  predictInto(priorCentre, baseline, everyRow);
  // Probe far as well as near: a coefficient can matter only once it binds
  // (a slow fully-connected kernel that overtakes the memory time).
  const dependents = setup.parameters.map((_, parameter) => {
    const moved = new Float64Array(fitted.length);
    const rows = new Set<number>();
    for (const shift of [0.3, -3, 3]) {
      const shifted = Float64Array.from(priorCentre);
      shifted[parameter]! += shift;
      predictInto(shifted, moved, everyRow);
      for (const position of everyRow) {
        if (Math.abs(moved[position]! - baseline[position]!) > 1e-9) rows.add(position);
      }
    }
    return everyRow.filter((position) => rows.has(position));
  });
  const problem: Problem = {
    parameters: size,
    rows: fitted.length,
    residuals: (logValues, out, rows) => {
      const positions = rows ?? everyRow;
      predictInto(logValues, out, positions);
      for (const position of positions) out[position]! *= rootWeights[position]!;
    },
    priorCentre,
    priorSpread: Float64Array.from(setup.parameters, (parameter) => parameter.spread),
    upper: Float64Array.from(setup.parameters, (parameter) =>
      Math.log(parameter.maximum ?? Number.POSITIVE_INFINITY),
    ),
    lower: Float64Array.from(setup.parameters, (parameter) => Math.log(parameter.minimum ?? 0)),
    dependents,
  };
  // The cost has kinks (max(compute, memory), whole tiles): a gradient step
  // can stall at one, so coordinate scans and Levenberg–Marquardt alternate
  // until a round no longer lowers the cost.
  const minimise = (start: Float64Array) => {
    let result = levenbergMarquardt(problem, coordinateScan(problem, start));
    for (let round = 1; round < 6; round++) {
      const next = levenbergMarquardt(problem, coordinateScan(problem, result.logValues));
      const improved = next.cost < result.cost - 1e-3;
      if (next.cost < result.cost) result = next;
      if (!improved) break;
    }
    return result;
  };
  // A robust loss is minimised as a sequence of weighted least-squares fits,
  // each starting from the last (robust.ts); plain squares take one.
  const {
    fit: result,
    scale,
    weights,
  } = reweightedFit<FitResult>(
    method.loss,
    fitted.length,
    (robust, previous) => {
      robust.forEach((weight, position) => {
        rootWeights[position] = Math.sqrt(weight);
      });
      return minimise(previous?.logValues ?? priorCentre);
    },
    (fit) => {
      const raw = new Float64Array(fitted.length);
      predictInto(fit.logValues, raw, everyRow);
      return raw;
    },
  );
  const rowWeights = new Float64Array(setup.rows.length).fill(Number.NaN);
  fitted.forEach((index, position) => {
    rowWeights[index] = weights[position]!;
  });
  const values = Float64Array.from(result.logValues, Math.exp);
  applyValues(setup, values);
  const predictedMs = Float64Array.from(setup.rows, (prepared) => rowMs(setup, prepared, values));
  return {
    values,
    predictedMs,
    dependents: dependents.map((positions) => positions.map((position) => fitted[position]!)),
    iterations: result.iterations,
    scale,
    weights: rowWeights,
  };
}
