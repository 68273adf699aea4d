import type { RandomStream } from "../core/index.ts";

/**
 * Draws whose cost does not grow with their parameters, for arrival
 * processes whose phases may be far shorter than the gaps between arrivals.
 */

/** Gamma(shape ≥ 1, scale): Marsaglia and Tsang's squeeze method (2000), O(1) expected draws. */
export function gamma(shape: number, scale: number, random: RandomStream): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.random();
    if (u < 1 - 0.0331 * x ** 4) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Below this mean, multiplying uniforms is cheaper than rejection. */
const SMALL_POISSON_MEAN = 10;

/** Poisson(mean) count: products of uniforms for a small mean, else Hörmann's PTRS rejection (1993), O(1) expected draws. */
export function poissonCount(mean: number, random: RandomStream): number {
  if (mean < SMALL_POISSON_MEAN) {
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = random.random(); product > limit; product *= random.random()) count++;
    return count;
  }
  const root = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * root;
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const acceptAtOnce = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.random() - 0.5;
    const v = random.random();
    const fromEdge = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / fromEdge + b) * u + mean + 0.43);
    if (fromEdge >= 0.07 && v <= acceptAtOnce) return k;
    if (k < 0 || (fromEdge < 0.013 && v > fromEdge)) continue;
    const logHat = Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (fromEdge * fromEdge) + b);
    if (logHat <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

/** ln k!, exact below 20, Stirling's series with three terms above (error < 1e-12). */
function logFactorial(k: number): number {
  if (k < 20) {
    let sum = 0;
    for (let i = 2; i <= k; i++) sum += Math.log(i);
    return sum;
  }
  const n = k + 1;
  return (
    (n - 0.5) * Math.log(n) -
    n +
    0.5 * Math.log(2 * Math.PI) +
    1 / (12 * n) -
    1 / (360 * n ** 3) +
    1 / (1260 * n ** 5)
  );
}
