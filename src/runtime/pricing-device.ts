import { Simulator } from "../core/index.ts";
import { createDevice, type Device, type SocSpec } from "../device/index.ts";

/**
 * A device that is never run, kept to ask the device layer's own pricing
 * (isolated slices, transfers) at planning time, before the run's device
 * exists: a policy's profiling set and cut costs come from the same code
 * that prices the simulation. Built the first time a policy asks.
 */
export class PricingDevice {
  private device: Device<unknown> | undefined;

  constructor(
    private readonly soc: SocSpec,
    private readonly framework: string,
  ) {}

  get(): Device<unknown> {
    this.device ??= createDevice<unknown>(new Simulator(), this.soc, {
      framework: this.framework,
    });
    return this.device;
  }

  transferSeconds(bytes: number, from: string, to: string): number {
    return from === to ? 0 : this.get().transferSeconds(bytes, from, to);
  }
}
