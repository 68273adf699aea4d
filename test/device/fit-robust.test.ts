import { describe, expect, it } from "vitest";
import {
  type RobustLoss,
  reweightedFit,
  robustScale,
  robustWeights,
} from "../../scripts/fit/robust.ts";

/** Weighted least squares for one location: the weighted mean. */
function weightedMean(values: readonly number[]) {
  return (weights: Float64Array) => {
    let total = 0;
    let weight = 0;
    values.forEach((value, index) => {
      total += weights[index]! * value;
      weight += weights[index]!;
    });
    return total / weight;
  };
}

describe("the fit's robust loss", () => {
  it("estimates the scale as 1.4826 × the median absolute deviation", () => {
    // Median 3, absolute deviations 2, 1, 0, 1, 97: MAD 1, whatever the outlier's size.
    expect(robustScale([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 10);
    expect(robustScale([1, 2, 3, 4, 1e6])).toBeCloseTo(1.4826, 10);
  });

  it("weights rows fully within Huber's threshold and by threshold / |residual| beyond it", () => {
    const weights = robustWeights({ kind: "huber", scale: 0.1 }, 0.1, [0, -0.13, 0.269, -0.538]);
    expect([...weights].map((weight) => Number(weight.toFixed(4)))).toEqual([1, 1, 0.5, 0.25]);
  });

  it("halves a Cauchy weight at its threshold and keeps shrinking it beyond", () => {
    const threshold = 2.385 * 0.1;
    const weights = robustWeights({ kind: "cauchy", scale: 0.1 }, 0.1, [
      0,
      threshold,
      3 * threshold,
    ]);
    expect([...weights]).toEqual([1, 0.5, expect.closeTo(0.1, 10)]);
  });

  it("keeps a gross outlier from pulling a fitted location, where squares follow it", () => {
    const values = [0, 0.02, -0.02, 0.01, -0.01, 0.03, -0.03, 1.5];
    const mean = weightedMean(values);
    const residuals = (location: number) => Float64Array.from(values, (value) => location - value);
    const fitWith = (loss: RobustLoss | undefined) =>
      reweightedFit(loss, values.length, mean, residuals).fit;
    const squares = fitWith(undefined);
    const huber = fitWith({ kind: "huber", scale: "mad" });
    const cauchy = fitWith({ kind: "cauchy", scale: "mad" });
    expect(squares).toBeCloseTo(1.5 / 8, 10);
    expect(Math.abs(huber)).toBeLessThan(0.03);
    expect(Math.abs(cauchy)).toBeLessThan(Math.abs(huber));
  });

  it("changes nothing when every residual is within the threshold", () => {
    const values = [0.01, -0.02, 0.03];
    const mean = weightedMean(values);
    const residuals = (location: number) => Float64Array.from(values, (value) => location - value);
    const robust = reweightedFit({ kind: "huber", scale: 1 }, 3, mean, residuals);
    expect(robust.fit).toBe(reweightedFit(undefined, 3, mean, residuals).fit);
    expect([...robust.weights]).toEqual([1, 1, 1]);
  });
});
