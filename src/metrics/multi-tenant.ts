/**
 * Multi-tenant figures as PREMA (Choi & Rhu, HPCA 2020) defines them, from
 * each app's mean latency when sharing the device and its latency alone:
 * NTT_i = shared_i / alone_i; ANTT = mean NTT (lower is better);
 * STP = Σ alone_i / shared_i (higher is better);
 * fairness = min over i, j of NP_i / NP_j with NP_i = alone_i / shared_i (1 is fair).
 * An app that completed nothing has no shared latency: its slowdown is
 * unbounded, so the figures are null rather than computed without it (which
 * would reward a policy for starving an app).
 */
export interface TenantLatency {
  /** Mean latency while sharing; null when the app completed nothing. */
  readonly sharedNs: number | null;
  /** Latency alone: the same baseline for every policy compared. */
  readonly aloneNs: number;
}

export interface MultiTenantFigures {
  readonly antt: number | null;
  readonly stp: number | null;
  readonly fairness: number | null;
}

export function multiTenantFigures(tenants: readonly TenantLatency[]): MultiTenantFigures {
  const progress: number[] = [];
  for (const tenant of tenants) {
    if (tenant.sharedNs === null) return { antt: null, stp: null, fairness: null };
    progress.push(tenant.aloneNs / tenant.sharedNs);
  }
  if (progress.length === 0) return { antt: null, stp: null, fairness: null };
  const antt = progress.reduce((sum, p) => sum + 1 / p, 0) / progress.length;
  const stp = progress.reduce((sum, p) => sum + p, 0);
  const fairness = Math.min(...progress) / Math.max(...progress);
  return { antt, stp, fairness };
}
