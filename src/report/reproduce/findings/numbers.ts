/** Small number helpers the findings share. */

export const ms = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)} ms`);
/** A ratio; ∞ when only the numerator's run completed nothing, — when neither did (see `slowdown`). */
export const times = (value: number) =>
  Number.isNaN(value) ? "—" : value === Number.POSITIVE_INFINITY ? "∞" : `${value.toFixed(2)}×`;
export const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/**
 * `latency / baseline` where null is a run that completed nothing (slower than any that
 * did): Infinity when only `latency` is null, 0 when only `baseline` is, NaN when both are.
 */
export function slowdown(latency: number | null, baseline: number | null): number {
  if (latency === null) return baseline === null ? Number.NaN : Number.POSITIVE_INFINITY;
  return baseline === null ? 0 : latency / baseline;
}

export function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/** "1.20–1.90×" or "1.20×" when the span is one value. */
export function span(values: readonly number[], format: (value: number) => string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}
