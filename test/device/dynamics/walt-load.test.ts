import { describe, expect, it } from "vitest";
import { WindowLoad } from "../../../src/device/dynamics/governors/walt-load.ts";

const MS = 1_000_000;

describe("WALT's window load", () => {
  it("reports the previous window's busy share scaled by f / f_max, and its average capacity", () => {
    const load = new WindowLoad(20 * MS, 0.5);
    load.advance(5 * MS, false, 0.5);
    // Busy from 5 to 15 ms at half capacity, then idle at full capacity.
    load.advance(15 * MS, true, 0.5);
    expect(load.previousLoad).toBe(0);
    load.advance(20 * MS, false, 1);
    expect(load.previousLoad).toBeCloseTo(0.25, 12);
    expect(load.previousCapacity).toBeCloseTo(0.625, 12);
    expect(load.nextWindowNs).toBe(40 * MS);
  });

  it("keeps its demand across idle windows, as the larger of the latest busy window and the mean of the last five", () => {
    const load = new WindowLoad(20 * MS, 1);
    // Five full windows, then one a quarter busy.
    load.advance(100 * MS, true, 1);
    load.advance(105 * MS, true, 1);
    load.advance(120 * MS, false, 1);
    expect(load.previousLoad).toBeCloseTo(0.25, 12);
    expect(load.demand).toBeCloseTo((4 + 0.25) / 5, 12);
    // A second of idle windows: the window load is gone, the demand stays.
    load.advance(1120 * MS, false, 1);
    expect(load.previousLoad).toBe(0);
    expect(load.active).toBe(false);
    expect(load.demand).toBeCloseTo((4 + 0.25) / 5, 12);
    // A new burst as busy as the latest window before it leaves the demand where the mean is.
    load.advance(1125 * MS, true, 1);
    load.advance(1140 * MS, false, 1);
    expect(load.demand).toBeCloseTo((3 + 0.25 + 0.25) / 5, 12);
  });
});
