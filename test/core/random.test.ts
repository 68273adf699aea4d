import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/core/index.ts";

describe("RandomStreams", () => {
  it("keeps a stream's draws independent of other streams' use", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.string({ minLength: 1 }), { maxLength: 5 }),
        fc.nat({ max: 50 }),
        (seed, others, draws) => {
          const alone = new RandomStreams(seed).stream("arrivals");
          const expected = Array.from({ length: 20 }, () => alone.random());
          const busy = new RandomStreams(seed);
          for (const name of others) {
            const other = busy.stream(`x${name}`);
            for (let i = 0; i < draws; i++) other.random();
          }
          const stream = busy.stream("arrivals");
          expect(Array.from({ length: 20 }, () => stream.random())).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("differs between seeds and between names", () => {
    const draw = (seed: number, name: string) => new RandomStreams(seed).stream(name).random();
    expect(draw(1, "a")).not.toBe(draw(2, "a"));
    expect(draw(1, "a")).not.toBe(draw(1, "b"));
  });

  it("draws with the right means", () => {
    const stream = new RandomStreams(42).stream("moments");
    const n = 100_000;
    const mean = (draw: () => number) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += draw();
      return sum / n;
    };
    // Tolerances are about five standard errors, so these fail only on a real bug.
    expect(mean(() => stream.exponential(2))).toBeCloseTo(2, 1);
    expect(mean(() => stream.uniform(3, 5))).toBeCloseTo(4, 1);
    expect(mean(() => stream.normal(1, 2))).toBeCloseTo(1, 1);
    expect(Math.abs(mean(() => stream.lognormal(0, 0.5)) - Math.exp(0.125))).toBeLessThan(0.01);
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[stream.discrete([1, 2, 7])]!++;
    expect(counts[2]! / n).toBeCloseTo(0.7, 1);
    for (let i = 0; i < 1000; i++) {
      const k = stream.integer(2, 4);
      expect(k >= 2 && k <= 4 && Number.isInteger(k)).toBe(true);
    }
  });
});
