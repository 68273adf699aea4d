/** Small number helpers the findings share. */

export const ms = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)} ms`);
export const times = (value: number) => `${value.toFixed(2)}×`;
export const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/** "1.20–1.90×" or "1.20×" when the span is one value. */
export function span(values: readonly number[], format: (value: number) => string): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}
