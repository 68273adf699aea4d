import type { ProcessorSpec } from "../schema/processor-schema.ts";

/** A domain's operating points in rising frequency, as flat arrays for the hot loop. */
export class OperatingPoints {
  readonly frequencies: Float64Array;
  readonly voltages: Float64Array;
  readonly top: number;
  readonly maxFrequency: number;

  constructor(points: ProcessorSpec["operating_points"]) {
    this.frequencies = Float64Array.from(points, (point) => point.freq);
    this.voltages = Float64Array.from(points, (point) => point.voltage);
    this.top = points.length - 1;
    this.maxFrequency = this.frequencies[this.top]!;
  }

  /** The highest point whose frequency is not above `hz` (the lowest point when all are). */
  highestAtMost(hz: number): number {
    let index = 0;
    while (index < this.top && this.frequencies[index + 1]! <= hz) index++;
    return index;
  }

  /** The lowest point whose frequency reaches `hz` (the top point when none does). */
  lowestAtLeast(hz: number): number {
    let index = 0;
    while (index < this.top && this.frequencies[index]! < hz) index++;
    return index;
  }
}
