import type { Processor } from "./processor.ts";
import type { SocMeter } from "./soc-meter.ts";

/**
 * Where the energy goes as heat: each processor into its own node, DRAM
 * and the uncore into the package, the platform's idle floor into the
 * board. Each call returns the average power per node since the last call,
 * from the cumulative meters, so the heat put into the network is exactly
 * the energy the device used.
 */
export class HeatSources {
  private readonly powers: Float64Array;
  private readonly processorEnergy: Float64Array;
  private packageEnergy = 0;
  private boardEnergy = 0;
  private lastNs: number;

  constructor(
    private readonly processors: readonly Processor[],
    private readonly meter: SocMeter,
    nodeCount: number,
    private readonly packageNode: number,
    private readonly boardNode: number,
    startNs: number,
  ) {
    this.powers = new Float64Array(nodeCount);
    this.processorEnergy = Float64Array.from(processors, (processor) => processor.energyJ);
    this.lastNs = startNs;
  }

  /** Average power (W) per node since the last call; meters must be advanced to `now`. The array is reused. */
  powersSince(now: number): Float64Array {
    const seconds = (now - this.lastNs) * 1e-9;
    this.lastNs = now;
    const powers = this.powers;
    powers.fill(0);
    for (const processor of this.processors) {
      powers[processor.node]! +=
        (processor.energyJ - this.processorEnergy[processor.index]!) / seconds;
      this.processorEnergy[processor.index] = processor.energyJ;
    }
    const packageEnergy = this.meter.uncoreJ + this.meter.dramJ;
    powers[this.packageNode]! += (packageEnergy - this.packageEnergy) / seconds;
    this.packageEnergy = packageEnergy;
    powers[this.boardNode]! += (this.meter.platformJ - this.boardEnergy) / seconds;
    this.boardEnergy = this.meter.platformJ;
    return powers;
  }
}
