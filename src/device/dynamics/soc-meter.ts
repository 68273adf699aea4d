import type { SocPowerSpec } from "../schema/power-schema.ts";
import type { DramMeter } from "./fluid-jobs.ts";

/**
 * SoC-wide energy outside the processors: the uncore (interconnect and
 * memory controller) while any big core, the GPU or an accelerator is busy,
 * the platform's idle floor, and DRAM energy per byte moved.
 */
export class SocMeter implements DramMeter {
  dramBytes = 0;
  uncoreJ = 0;
  platformJ = 0;
  uncoreActive = false;
  private lastNs: number;

  constructor(
    private readonly power: SocPowerSpec,
    readonly energyPerByte: number,
    startNs: number,
  ) {
    this.lastNs = startNs;
  }

  get dramJ(): number {
    return this.dramBytes * this.energyPerByte;
  }

  get powerW(): number {
    return this.power.platform_idle + (this.uncoreActive ? this.power.uncore_active : 0);
  }

  advance(now: number): void {
    const seconds = (now - this.lastNs) * 1e-9;
    if (seconds <= 0) return;
    if (this.uncoreActive) this.uncoreJ += this.power.uncore_active * seconds;
    this.platformJ += this.power.platform_idle * seconds;
    this.lastNs = now;
  }
}
