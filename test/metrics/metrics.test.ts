import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../../src/metrics/latency-histogram.ts";
import { multiTenantFigures } from "../../src/metrics/multi-tenant.ts";

describe("LatencyHistogram", () => {
  it("reports every percentile within 1 % of the exact one, and mean and max exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2_000, max: 5e10 }), { minLength: 1, maxLength: 400 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (samples, q) => {
          const histogram = new LatencyHistogram();
          for (const sample of samples) histogram.add(sample);
          const sorted = [...samples].sort((a, b) => a - b);
          const exact = sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
          expect(Math.abs(histogram.quantileNs(q) - exact) / exact).toBeLessThanOrEqual(0.01);
          expect(histogram.maxNs).toBe(sorted[sorted.length - 1]);
          expect(histogram.meanNs).toBeCloseTo(
            samples.reduce((a, b) => a + b, 0) / samples.length,
            3,
          );
        },
      ),
    );
  });
});

describe("LatencyHistogram on equal samples", () => {
  it("reports the sample itself for every percentile, never a bucket middle below the mean", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5e10 }),
        fc.integer({ min: 1, max: 50 }),
        (sample, count) => {
          const histogram = new LatencyHistogram();
          for (let i = 0; i < count; i++) histogram.add(sample);
          for (const q of [0.5, 0.9, 0.99, 1]) expect(histogram.quantileNs(q)).toBe(sample);
        },
      ),
    );
  });
});

describe("PREMA figures", () => {
  it("are 1, n and 1 when sharing costs nothing, and see an unfair slowdown", () => {
    expect(
      multiTenantFigures([
        { sharedNs: 10, aloneNs: 10 },
        { sharedNs: 20, aloneNs: 20 },
      ]),
    ).toEqual({ antt: 1, stp: 2, fairness: 1 });
    const unfair = multiTenantFigures([
      { sharedNs: 40, aloneNs: 10 },
      { sharedNs: 20, aloneNs: 20 },
    ]);
    expect(unfair.antt).toBeCloseTo(2.5);
    expect(unfair.stp).toBeCloseTo(1.25);
    expect(unfair.fairness).toBeCloseTo(0.25);
  });

  it("are null when any app completed nothing, rather than computed over the apps that did", () => {
    expect(
      multiTenantFigures([
        { sharedNs: 10, aloneNs: 10 },
        { sharedNs: null, aloneNs: 20 },
      ]),
    ).toEqual({ antt: null, stp: null, fairness: null });
  });
});
