import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { microseconds } from "../../src/metrics/trace-writer.ts";

describe("trace timestamps", () => {
  it("print whole nanoseconds as JSON prints ns / 1000", () => {
    const edges = [0, 1, 10, 100, 999, 1000, 1001, 2 ** 31, 2 ** 52 - 1, 2 ** 52, 2 ** 53 - 1];
    for (const ns of edges) expect(microseconds(ns)).toBe(JSON.stringify(ns / 1000));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 10 ** 7 }),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.double({ min: 0, max: 1e12, noNaN: true }),
        ),
        (ns) => microseconds(ns) === JSON.stringify(ns / 1000),
      ),
      { numRuns: 20_000 },
    );
  });
});
