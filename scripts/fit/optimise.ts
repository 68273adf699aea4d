/**
 * Levenberg–Marquardt on log-parameters: minimises Σ residual² where the
 * residuals are log(predicted / measured) per row (scaled by the square root
 * of the row's weight when the fit reweights rows for a robust loss) plus
 * one prior term per parameter. Deterministic: same inputs, same result.
 */
export interface Problem {
  readonly parameters: number;
  /** Row residuals at `logValues` (only `rows`, when given; others may be left stale). */
  residuals(logValues: Float64Array, out: Float64Array, rows?: readonly number[]): void;
  readonly rows: number;
  readonly priorCentre: Float64Array;
  readonly priorSpread: Float64Array;
  /** Bounds of each log-parameter (±Infinity when none). */
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  /** Rows each parameter can move (its Jacobian column is zero elsewhere). */
  readonly dependents: readonly (readonly number[])[];
}

function clamp(problem: Problem, index: number, value: number): number {
  return Math.min(Math.max(value, problem.lower[index]!), problem.upper[index]!);
}

function cost(problem: Problem, logValues: Float64Array, rowResiduals: Float64Array): number {
  let total = 0;
  for (const value of rowResiduals) total += value * value;
  for (let index = 0; index < problem.parameters; index++) {
    const prior = (logValues[index]! - problem.priorCentre[index]!) / problem.priorSpread[index]!;
    total += prior * prior;
  }
  return total;
}

/** Solves A x = b for symmetric positive definite A (Cholesky), in place of nothing. */
function solve(matrix: Float64Array, vector: Float64Array, size: number): Float64Array {
  const lower = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column <= row; column++) {
      let sum = matrix[row * size + column]!;
      for (let k = 0; k < column; k++) sum -= lower[row * size + k]! * lower[column * size + k]!;
      lower[row * size + column] =
        row === column ? Math.sqrt(Math.max(sum, 1e-300)) : sum / lower[column * size + column]!;
    }
  }
  const forward = new Float64Array(size);
  for (let row = 0; row < size; row++) {
    let sum = vector[row]!;
    for (let k = 0; k < row; k++) sum -= lower[row * size + k]! * forward[k]!;
    forward[row] = sum / lower[row * size + row]!;
  }
  const result = new Float64Array(size);
  for (let row = size - 1; row >= 0; row--) {
    let sum = forward[row]!;
    for (let k = row + 1; k < size; k++) sum -= lower[k * size + row]! * result[k]!;
    result[row] = sum / lower[row * size + row]!;
  }
  return result;
}

export interface FitResult {
  readonly logValues: Float64Array;
  readonly iterations: number;
  readonly cost: number;
}

/**
 * One pass of coordinate search on a log grid around the start. The cost
 * has kinks (max(compute, memory)): a coefficient that does not bind at the
 * prior has zero gradient there, and a gradient method alone would never
 * move it.
 */
export function coordinateScan(problem: Problem, start: Float64Array): Float64Array {
  const values = Float64Array.from(start, (value, index) => clamp(problem, index, value));
  const residuals = new Float64Array(problem.rows);
  problem.residuals(values, residuals);
  let best = cost(problem, values, residuals);
  for (let parameter = 0; parameter < problem.parameters; parameter++) {
    const dependents = problem.dependents[parameter]!;
    if (dependents.length === 0) continue;
    const centre = values[parameter]!;
    let bestValue = centre;
    for (let step = -6; step <= 6; step++) {
      const candidate = clamp(problem, parameter, centre + 0.5 * step);
      if (step === 0 || candidate === bestValue) continue;
      values[parameter] = candidate;
      const trial = Float64Array.from(residuals);
      problem.residuals(values, trial, dependents);
      const trialCost = cost(problem, values, trial);
      if (trialCost < best - 1e-12) {
        best = trialCost;
        bestValue = candidate;
      }
    }
    values[parameter] = bestValue;
    problem.residuals(values, residuals, dependents);
  }
  return values;
}

export function levenbergMarquardt(
  problem: Problem,
  start: Float64Array,
  maxIterations = 60,
): FitResult {
  const size = problem.parameters;
  const rows = problem.rows;
  const step = 1e-4;
  let values = Float64Array.from(start, (value, index) => clamp(problem, index, value));
  let residuals = new Float64Array(rows);
  problem.residuals(values, residuals);
  let current = cost(problem, values, residuals);
  let damping = 1e-3;
  let iteration = 0;
  const jacobian = new Float64Array(rows * size);
  const probe = new Float64Array(rows);
  for (; iteration < maxIterations; iteration++) {
    jacobian.fill(0);
    for (let parameter = 0; parameter < size; parameter++) {
      const dependents = problem.dependents[parameter]!;
      if (dependents.length === 0) continue;
      const shifted = Float64Array.from(values);
      shifted[parameter]! += step;
      problem.residuals(shifted, probe, dependents);
      for (const row of dependents)
        jacobian[row * size + parameter] = (probe[row]! - residuals[row]!) / step;
    }
    const normal = new Float64Array(size * size);
    const gradient = new Float64Array(size);
    for (let row = 0; row < rows; row++) {
      for (let i = 0; i < size; i++) {
        const ji = jacobian[row * size + i]!;
        if (ji === 0) continue;
        gradient[i]! += ji * residuals[row]!;
        for (let j = 0; j < size; j++) normal[i * size + j]! += ji * jacobian[row * size + j]!;
      }
    }
    for (let i = 0; i < size; i++) {
      const weight = 1 / problem.priorSpread[i]! ** 2;
      normal[i * size + i]! += weight;
      gradient[i]! += weight * (values[i]! - problem.priorCentre[i]!);
    }
    let improved = false;
    while (damping < 1e8) {
      const damped = Float64Array.from(normal);
      for (let i = 0; i < size; i++) damped[i * size + i]! *= 1 + damping;
      const delta = solve(damped, gradient, size);
      const candidate = Float64Array.from(values, (value, i) =>
        clamp(problem, i, value - delta[i]!),
      );
      const candidateResiduals = new Float64Array(rows);
      problem.residuals(candidate, candidateResiduals);
      const candidateCost = cost(problem, candidate, candidateResiduals);
      if (candidateCost < current) {
        const gain = current - candidateCost;
        values = candidate;
        residuals = candidateResiduals;
        current = candidateCost;
        damping = Math.max(damping / 3, 1e-7);
        improved = gain > 1e-5 * current;
        break;
      }
      damping *= 4;
    }
    if (!improved) break;
  }
  return { logValues: values, iterations: iteration, cost: current };
}
