import type { ThermalSpec } from "../schema/thermal-schema.ts";

/**
 * Trip points: a trip becomes active when its node passes `above` and
 * clears when it falls below `clear` (hysteresis). Each processor's cap is
 * the lowest `max_freq` among its active trips. Evaluated every thermal
 * tick, on the temperatures the tick just computed.
 */
export class ThermalTrips {
  private readonly node: Int32Array;
  private readonly processor: Int32Array;
  private readonly above: Float64Array;
  private readonly clear: Float64Array;
  private readonly maxFrequency: Float64Array;
  private readonly active: Uint8Array;
  /** Per processor: the highest frequency its active trips allow (Infinity when none is active). */
  readonly caps: Float64Array;

  constructor(
    trips: ThermalSpec["trips"],
    nodeIndex: (node: string) => number,
    processorIndex: (processor: string) => number,
    processorCount: number,
  ) {
    this.node = Int32Array.from(trips, (trip) => nodeIndex(trip.node));
    this.processor = Int32Array.from(trips, (trip) => processorIndex(trip.processor));
    this.above = Float64Array.from(trips, (trip) => trip.above);
    this.clear = Float64Array.from(trips, (trip) => trip.clear);
    this.maxFrequency = Float64Array.from(trips, (trip) => trip.max_freq);
    this.active = new Uint8Array(trips.length);
    this.caps = new Float64Array(processorCount).fill(Number.POSITIVE_INFINITY);
  }

  /** Updates trip states and caps from node temperatures. */
  update(temperatures: Float64Array): void {
    const caps = this.caps;
    caps.fill(Number.POSITIVE_INFINITY);
    for (let trip = 0; trip < this.active.length; trip++) {
      const celsius = temperatures[this.node[trip]!]!;
      if (this.active[trip]) {
        if (celsius < this.clear[trip]!) this.active[trip] = 0;
      } else if (celsius > this.above[trip]!) this.active[trip] = 1;
      const processor = this.processor[trip]!;
      if (this.active[trip] && this.maxFrequency[trip]! < caps[processor]!)
        caps[processor] = this.maxFrequency[trip]!;
    }
  }
}
