import { describe, expect, it } from "vitest";
import { slowdown, times } from "../../src/report/reproduce/findings/numbers.ts";

describe("ratios of runs where one completed nothing", () => {
  it("count a run with no completion as slower than any that completed", () => {
    expect(slowdown(30, 10)).toBe(3);
    expect(slowdown(null, 10)).toBe(Number.POSITIVE_INFINITY);
    expect(slowdown(10, null)).toBe(0);
    expect(slowdown(null, null)).toBeNaN();
    // A claim "A is slower than B" (ratio > 1) holds only when B completed and A did not or was slower.
    expect(slowdown(null, 10) > 1).toBe(true);
    expect(slowdown(10, null) > 1).toBe(false);
  });

  it("show them without pretending to a figure", () => {
    expect(times(slowdown(30, 10))).toBe("3.00×");
    expect(times(slowdown(null, 10))).toBe("∞");
    expect(times(slowdown(null, null))).toBe("—");
  });
});
