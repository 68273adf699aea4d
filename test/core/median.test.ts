import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median } from "../../src/core/index.ts";

// "+ 0" turns -0 into 0, which sorting treats as equal but toBe does not.
const values = fc.array(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((value) => value + 0),
  { minLength: 1 },
);

describe("median", () => {
  it("lies between the smallest and the largest value, whatever their order", () => {
    fc.assert(
      fc.property(values, (list) => {
        const middle = median(list);
        expect(middle).toBeGreaterThanOrEqual(Math.min(...list));
        expect(middle).toBeLessThanOrEqual(Math.max(...list));
        expect(median([...list].reverse())).toBe(middle);
      }),
    );
  });

  it("has as many values at or below it as at or above it", () => {
    fc.assert(
      fc.property(values, (list) => {
        const middle = median(list);
        const below = list.filter((value) => value <= middle).length;
        const above = list.filter((value) => value >= middle).length;
        expect(below).toBeGreaterThanOrEqual(list.length / 2);
        expect(above).toBeGreaterThanOrEqual(list.length / 2);
      }),
    );
  });

  it("averages the two middle values of an even count, and is NaN for none", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });
});
