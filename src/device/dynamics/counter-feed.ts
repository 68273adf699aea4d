import type { CounterSample, DeviceListener, ProcessorCounters } from "./device-api.ts";
import type { Processor } from "./processor.ts";
import type { SocMeter } from "./soc-meter.ts";

interface MutableProcessorCounters {
  id: string;
  frequencyHz: number;
  temperatureC: number;
  powerW: number;
}

/**
 * Periodic counters for one listener: sampled on the first thermal tick at
 * or after each interval, with average power since the previous sample. The
 * sample object is reused, so feeding it allocates nothing.
 */
export class CounterFeed {
  private nextNs: number;
  private lastNs: number;
  private readonly energyAtLast: Float64Array;
  private socEnergyAtLast: number;
  private readonly rows: MutableProcessorCounters[];
  private readonly sample: {
    timeNs: number;
    processors: readonly ProcessorCounters[];
    skinTemperatureC: number;
    totalPowerW: number;
  };

  constructor(
    private readonly listener: Required<Pick<DeviceListener<unknown>, "counters">>,
    private readonly intervalNs: number,
    private readonly processors: readonly Processor[],
    private readonly meter: SocMeter,
    private readonly temperatures: Float64Array,
    private readonly skinNode: number,
    now: number,
  ) {
    this.lastNs = now;
    this.nextNs = now + intervalNs;
    this.energyAtLast = Float64Array.from(processors, (processor) => processor.energyJ);
    this.socEnergyAtLast = socEnergy(meter);
    this.rows = processors.map((processor) => ({
      id: processor.id,
      frequencyHz: 0,
      temperatureC: 0,
      powerW: 0,
    }));
    this.sample = { timeNs: now, processors: this.rows, skinTemperatureC: 0, totalPowerW: 0 };
  }

  /** Called after each thermal tick, with every meter advanced to `now`. */
  feed(now: number): void {
    if (now < this.nextNs) return;
    const seconds = (now - this.lastNs) * 1e-9;
    let total = socEnergy(this.meter) - this.socEnergyAtLast;
    this.socEnergyAtLast = socEnergy(this.meter);
    for (const processor of this.processors) {
      const row = this.rows[processor.index]!;
      const energy = processor.energyJ - this.energyAtLast[processor.index]!;
      this.energyAtLast[processor.index] = processor.energyJ;
      total += energy;
      row.frequencyHz = processor.frequency;
      row.temperatureC = this.temperatures[processor.node]!;
      row.powerW = energy / seconds;
    }
    const sample = this.sample;
    sample.timeNs = now;
    sample.skinTemperatureC = this.skinNode < 0 ? Number.NaN : this.temperatures[this.skinNode]!;
    sample.totalPowerW = total / seconds;
    this.lastNs = now;
    this.nextNs = now + this.intervalNs;
    this.listener.counters(sample as CounterSample);
  }
}

function socEnergy(meter: SocMeter): number {
  return meter.uncoreJ + meter.platformJ + meter.dramJ;
}
