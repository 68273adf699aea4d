/** Small number helpers the findings share. */

export const ms = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)} ms`);
/** A ratio; ∞ when only the numerator's run completed nothing, — when neither did (see `slowdown`). */
export const times = (value: number) =>
  Number.isNaN(value) ? "—" : value === Number.POSITIVE_INFINITY ? "∞" : `${value.toFixed(2)}×`;
export const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** A run's latency, where null (it completed nothing) is slower than any run that completed. */
export const unbounded = (latency: number | null) => latency ?? Number.POSITIVE_INFINITY;

/**
 * `latency / baseline` with `unbounded` latencies: Infinity when only `latency` is null, 0 when
 * only `baseline` is, NaN when both are.
 */
export const slowdown = (latency: number | null, baseline: number | null) =>
  unbounded(latency) / unbounded(baseline);

export function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/** "1.20–1.90×" or "1.20×" when the span is one value. */
export function span(values: readonly number[], format: (value: number) => string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}
