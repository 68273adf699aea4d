import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/core/index.ts";
import { makeArrivalProcess, readTraceFile } from "../../src/workload/arrivals.ts";
import type { OpenArrivalSpec } from "../../src/workload/workload-schema.ts";

function arrivalsUntil(
  spec: OpenArrivalSpec,
  seconds: number,
  seed: number,
  trace?: number[],
): number[] {
  const process = makeArrivalProcess(spec, new RandomStreams(seed).stream("arrivals"), trace);
  const times: number[] = [];
  for (let t = process.next(); t <= seconds * 1e9; t = process.next()) times.push(t);
  return times;
}

const specs: fc.Arbitrary<OpenArrivalSpec> = fc.oneof(
  fc.record({
    process: fc.constant("periodic" as const),
    fps: fc.double({ min: 1, max: 120, noNaN: true }),
    jitter: fc.double({ min: 0, max: 0.05, noNaN: true }),
  }),
  fc.record({
    process: fc.constant("poisson" as const),
    rate: fc.double({ min: 1, max: 200, noNaN: true }),
  }),
  fc.record({
    process: fc.constant("bursty" as const),
    rate: fc.double({ min: 5, max: 200, noNaN: true }),
    mean_on: fc.double({ min: 0.05, max: 1, noNaN: true }),
    mean_off: fc.double({ min: 0.05, max: 2, noNaN: true }),
  }),
);

describe("arrival processes", () => {
  it("hand out integer, non-decreasing times, the same for the same seed", () => {
    fc.assert(
      fc.property(specs, fc.nat({ max: 1000 }), (spec, seed) => {
        const times = arrivalsUntil(spec, 2, seed);
        for (let i = 0; i < times.length; i++) {
          expect(Number.isSafeInteger(times[i]!)).toBe(true);
          if (i > 0) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
        }
        expect(arrivalsUntil(spec, 2, seed)).toEqual(times);
      }),
      { numRuns: 60 },
    );
  });

  it("arrive at the rates they are given", () => {
    expect(arrivalsUntil({ process: "periodic", fps: 30 }, 10, 1)).toHaveLength(301);
    // Poisson, 100/s over 100 s: 10,000 expected, standard deviation 100.
    expect(
      Math.abs(arrivalsUntil({ process: "poisson", rate: 100 }, 100, 1).length - 10_000),
    ).toBeLessThan(500);
    // On/off at 100/s, on 25 % of the time: about 25/s.
    const bursty =
      arrivalsUntil({ process: "bursty", rate: 100, mean_on: 0.1, mean_off: 0.3 }, 200, 1).length /
      200;
    expect(bursty).toBeGreaterThan(20);
    expect(bursty).toBeLessThan(30);
  });

  it("replays a trace and then stops", () => {
    expect(arrivalsUntil({ process: "trace", file: "x.csv" }, 10, 1, [0, 5, 5, 2e9])).toEqual([
      0, 5, 5, 2e9,
    ]);
  });
});

describe("bursty arrivals with phases far shorter than the gaps", () => {
  it("draw each arrival at a bounded cost and keep the mean rate rate × on / (on + off)", () => {
    const started = performance.now();
    const times = arrivalsUntil(
      { process: "bursty", rate: 1, mean_on: 1e-6, mean_off: 1e-6 },
      4000,
      3,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    // About 2,000 expected; Poisson spread is ±45 at one sigma.
    expect(times.length).toBeGreaterThan(1800);
    expect(times.length).toBeLessThan(2200);
  });
});

describe("a trace file", () => {
  const folder = mkdtempSync(join(tmpdir(), "socsim-trace-"));
  const read = (text: string) => {
    const file = join(folder, "trace.csv");
    writeFileSync(file, text);
    return readTraceFile(file);
  };

  it("skips one header line that names its column, and reads decimals as written", () => {
    expect(read("time_ms,app\n# warm-up\n0,a\n2.5,b\n1.0e+01,c\n")).toEqual([0, 2.5e6, 1e7]);
  });

  it("takes a first line that begins like a number as a value, not a header", () => {
    expect(() => read("1O\n20\n")).toThrow(/"1O" is not a time in milliseconds/);
    expect(() => read("0x10\n")).toThrow(/"0x10" is not a time in milliseconds/);
  });
});
