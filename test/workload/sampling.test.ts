import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/core/index.ts";
import { gamma, poissonCount } from "../../src/workload/sampling.ts";

const DRAWS = 20_000;

function moments(draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let index = 0; index < DRAWS; index++) {
    const value = draw();
    sum += value;
    squares += value * value;
  }
  const mean = sum / DRAWS;
  return { mean, variance: squares / DRAWS - mean * mean };
}

describe("bounded-cost draws", () => {
  const random = new RandomStreams(7).stream("sampling");

  it.each([0.5, 4, 30, 1e4, 1e8])(
    "a Poisson count of mean %d has that mean and variance",
    (mean) => {
      const { mean: seen, variance } = moments(() => poissonCount(mean, random));
      expect(Math.abs(seen - mean)).toBeLessThan(5 * Math.sqrt(mean / DRAWS));
      expect(Math.abs(variance / mean - 1)).toBeLessThan(0.05);
    },
  );

  it.each([1, 3, 1e6])(
    "a gamma of shape %d has mean shape × scale and variance shape × scale²",
    (shape) => {
      const scale = 2;
      const { mean, variance } = moments(() => gamma(shape, scale, random));
      expect(Math.abs(mean / (shape * scale) - 1)).toBeLessThan(5 / Math.sqrt(shape * DRAWS));
      expect(Math.abs(variance / (shape * scale * scale) - 1)).toBeLessThan(0.05);
    },
  );
});
