import { describe, expect, it } from "vitest";
import { parseQuantity } from "../../src/core/index.ts";

describe("parseQuantity", () => {
  it.each([
    ["2.84 GHz", "frequency", 2.84e9],
    ["34.1 GB/s", "bandwidth", 34.1e9],
    ["1.2 mJ", "energy", 1.2e-3],
    ["16.7 ms", "time", 16.7e-3],
    ["45 degC", "temperature", 45],
    ["2 MB", "bytes", 2e6],
    ["3.5 K/W", "thermalResistance", 3.5],
    ["120 pJ/B", "energyPerByte", 120e-12],
  ] as const)("reads %s as a %s", (text, quantity, expected) => {
    expect(parseQuantity(text, quantity)).toBeCloseTo(
      expected,
      12 - Math.round(Math.log10(expected)),
    );
  });

  it.each([
    ["2.84 GB", "frequency", /not a frequency/],
    ["fast", "time", /not a time/],
    ["GHz", "frequency", /no number/],
    ["45 degC", "power", /not a power/],
    // Past any phone's values: a figure derived from them would overflow, or a run never end.
    ["1e300 s", "time", /out of range: at most 9007199 s/],
    ["1e300 nF", "capacitance", /out of range: at most 1 mF/],
    ["1e-12 J/K", "heatCapacity", /out of range: at least 1 mJ\/K \(or 0\)/],
  ] as const)("refuses %s as a %s", (text, quantity, message) => {
    expect(() => parseQuantity(text, quantity)).toThrow(message);
  });

  it("reads micro as u, the micro sign or the Greek mu, to the same bits", () => {
    for (const text of ["5 µs", "5 μs"])
      expect(parseQuantity(text, "time")).toBe(parseQuantity("5 us", "time"));
  });
});
