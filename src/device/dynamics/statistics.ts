import type { DeviceStatistics, ProcessorStatistics } from "./device-api.ts";
import type { Processor } from "./processor.ts";
import type { SocMeter } from "./soc-meter.ts";
import type { ThermalNetwork } from "./thermal-network.ts";

/**
 * The statistics window: cumulative meters as they stood at its start, and
 * the hottest each thermal node has been since. Reports are differences of
 * cumulative meters, so energy over [a, c] is exactly energy over [a, b]
 * plus energy over [b, c].
 */
export class StatisticsWindow {
  private startNs = 0;
  private readonly energyJ: Float64Array;
  private readonly idleEnergyJ: Float64Array;
  private readonly busyCoreNs: Float64Array;
  private readonly frequencyNs: Float64Array;
  private readonly throttledNs: Float64Array;
  private uncoreJ = 0;
  private platformJ = 0;
  private dramBytes = 0;
  private externalHeatJ = 0;
  private readonly temperatures: Float64Array;
  private readonly hottest: Float64Array;

  constructor(
    private readonly processors: readonly Processor[],
    private readonly meter: SocMeter,
    private readonly network: ThermalNetwork,
    /** Node reported as skin; -1 when the network has none. */
    private readonly skinNode: number,
    private readonly ambientC: number,
  ) {
    const count = processors.length;
    this.temperatures = network.temperatures;
    this.energyJ = new Float64Array(count);
    this.idleEnergyJ = new Float64Array(count);
    this.busyCoreNs = new Float64Array(count);
    this.frequencyNs = new Float64Array(count);
    this.throttledNs = new Float64Array(count);
    this.hottest = new Float64Array(network.temperatures.length);
  }

  /** Starts the window at `now`; meters must be advanced to `now`. */
  reset(now: number): void {
    this.startNs = now;
    for (const processor of this.processors) {
      const index = processor.index;
      this.energyJ[index] = processor.energyJ;
      this.idleEnergyJ[index] = processor.idleEnergyJ;
      this.busyCoreNs[index] = processor.busyCoreNs;
      this.frequencyNs[index] = processor.frequencyNs;
      this.throttledNs[index] = processor.throttledNs;
    }
    this.uncoreJ = this.meter.uncoreJ;
    this.platformJ = this.meter.platformJ;
    this.dramBytes = this.meter.dramBytes;
    this.externalHeatJ = this.network.externalHeatJ;
    this.hottest.set(this.temperatures);
  }

  /** Called after every thermal step. */
  observeTemperatures(): void {
    const temperatures = this.temperatures;
    for (let node = 0; node < temperatures.length; node++)
      if (temperatures[node]! > this.hottest[node]!) this.hottest[node] = temperatures[node]!;
  }

  /** The window up to `now`; meters must be advanced to `now`. */
  report(now: number): DeviceStatistics {
    const windowNs = now - this.startNs;
    const windowSeconds = windowNs * 1e-9;
    const processors: ProcessorStatistics[] = this.processors.map((processor) => {
      const index = processor.index;
      const busyNs = (processor.busyCoreNs - this.busyCoreNs[index]!) / processor.cores;
      return {
        id: processor.id,
        kind: processor.kind,
        utilization: windowNs > 0 ? busyNs / windowNs : 0,
        busy_s: busyNs * 1e-9,
        energy_j: processor.energyJ - this.energyJ[index]!,
        mean_freq_hz:
          windowNs > 0
            ? (processor.frequencyNs - this.frequencyNs[index]!) / windowNs
            : processor.frequency,
        max_temp_c: this.hottestOf(processor.node),
        throttled_s: (processor.throttledNs - this.throttledNs[index]!) * 1e-9,
      };
    });
    const dramBytes = this.meter.dramBytes - this.dramBytes;
    const dramJ = dramBytes * this.meter.energyPerByte;
    const uncoreJ = this.meter.uncoreJ - this.uncoreJ;
    const platformJ = this.meter.platformJ - this.platformJ;
    let energyJ = dramJ + uncoreJ + platformJ;
    for (const processor of processors) energyJ += processor.energy_j;
    let idleJ = 0;
    for (const processor of this.processors)
      idleJ += processor.idleEnergyJ - this.idleEnergyJ[processor.index]!;
    return {
      window_s: windowSeconds,
      processors,
      energy_j: energyJ,
      avg_power_w: windowSeconds > 0 ? energyJ / windowSeconds : 0,
      max_skin_temp_c: this.skinNode < 0 ? this.ambientC : this.hottestOf(this.skinNode),
      dram_energy_j: dramJ,
      dram_bytes: dramBytes,
      uncore_energy_j: uncoreJ,
      platform_energy_j: platformJ,
      idle_energy_j: idleJ,
      external_heat_j: this.network.externalHeatJ - this.externalHeatJ,
    };
  }

  private hottestOf(node: number): number {
    const now = this.temperatures[node]!;
    return Math.max(now, this.hottest[node]!);
  }
}
