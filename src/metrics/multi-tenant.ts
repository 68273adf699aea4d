/**
 * Multi-tenant figures as PREMA (Choi & Rhu, HPCA 2020) defines them, from
 * each app's mean latency when sharing the device and its latency alone:
 * NTT_i = shared_i / alone_i; ANTT = mean NTT (lower is better);
 * STP = Σ alone_i / shared_i (higher is better);
 * fairness = min over i, j of NP_i / NP_j with NP_i = alone_i / shared_i (1 is fair).
 * Apps without a completed request are left out.
 */
export interface TenantLatency {
  readonly sharedNs: number;
  readonly aloneNs: number;
}

export function multiTenantFigures(tenants: readonly TenantLatency[]): {
  antt: number;
  stp: number;
  fairness: number;
} {
  const progress = tenants
    .filter((t) => t.sharedNs > 0 && t.aloneNs > 0)
    .map((t) => t.aloneNs / t.sharedNs);
  if (progress.length === 0) return { antt: 0, stp: 0, fairness: 0 };
  const antt = progress.reduce((sum, p) => sum + 1 / p, 0) / progress.length;
  const stp = progress.reduce((sum, p) => sum + p, 0);
  const fairness = Math.min(...progress) / Math.max(...progress);
  return { antt, stp, fairness };
}
