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
  ] as const)("refuses %s as a %s", (text, quantity, message) => {
    expect(() => parseQuantity(text, quantity)).toThrow(message);
  });
});
