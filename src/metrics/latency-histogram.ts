/**
 * A fixed-size log-bucketed histogram for latencies: bucket edges grow by a
 * factor of (1 + RELATIVE_ERROR), so any percentile it reports is within
 * 0.5 % of a latency actually observed in that bucket, and memory does not
 * grow with the number of samples. Mean, count, min and max are exact, and a
 * percentile is clamped between min and max (equal samples report exactly).
 */
const RELATIVE_ERROR = 0.01;
const MIN_NS = 1_000; // 1 µs: anything shorter lands in the first bucket
const MAX_NS = 1e13; // ~2.8 hours: anything longer lands in the last bucket
const LOG_BASE = Math.log1p(RELATIVE_ERROR);
const BUCKETS = Math.ceil(Math.log(MAX_NS / MIN_NS) / LOG_BASE) + 1;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private sum = 0;
  private maximum = 0;
  private minimum = Number.POSITIVE_INFINITY;

  add(latencyNs: number): void {
    const index =
      latencyNs <= MIN_NS
        ? 0
        : Math.min(BUCKETS - 1, Math.floor(Math.log(latencyNs / MIN_NS) / LOG_BASE) + 1);
    this.counts[index]!++;
    this.total++;
    this.sum += latencyNs;
    if (latencyNs > this.maximum) this.maximum = latencyNs;
    if (latencyNs < this.minimum) this.minimum = latencyNs;
  }

  get count(): number {
    return this.total;
  }

  get meanNs(): number {
    return this.total === 0 ? 0 : this.sum / this.total;
  }

  get maxNs(): number {
    return this.maximum;
  }

  /**
   * The empirical CDF, one point per non-empty bucket: its upper edge
   * (clamped to the exact max) and the fraction of samples at or below it.
   * Bounded by the bucket count, whatever the number of samples.
   */
  cdf(): { latencyNs: number; fraction: number }[] {
    const points: { latencyNs: number; fraction: number }[] = [];
    let seen = 0;
    for (let index = 0; index < BUCKETS && seen < this.total; index++) {
      const count = this.counts[index]!;
      if (count === 0) continue;
      seen += count;
      const upper = MIN_NS * Math.exp(index * LOG_BASE);
      points.push({
        latencyNs: Math.min(Math.max(upper, this.minimum), this.maximum),
        fraction: seen / this.total,
      });
    }
    return points;
  }

  /** The q-quantile (0 < q ≤ 1) as the geometric middle of its bucket, clamped to the exact min and max. */
  quantileNs(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) {
        const middle =
          index === 0
            ? MIN_NS
            : MIN_NS * Math.exp((index - 1) * LOG_BASE) * Math.sqrt(1 + RELATIVE_ERROR);
        return Math.min(Math.max(middle, this.minimum), this.maximum);
      }
    }
    return this.maximum;
  }
}
