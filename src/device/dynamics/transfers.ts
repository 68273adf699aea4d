import type { SocSpec } from "../load-soc.ts";
import type { ProcessorKind } from "../schema/processor-schema.ts";

/** One crossing priced: fixed synchronisation, copy and conversion seconds, DRAM bytes moved. */
export interface TransferPrice {
  readonly syncSeconds: number;
  readonly copySeconds: number;
  readonly dramBytes: number;
}

const FREE: TransferPrice = { syncSeconds: 0, copySeconds: 0, dramBytes: 0 };

/**
 * Prices moving bytes between targets with the SoC's `transfers:` costs.
 * A CPU ↔ accelerator leg pays the accelerator's sync (queue finish and
 * map/unmap, or the RPC round trip), the copy, and a layout or precision
 * conversion when the accelerator needs one (a GPU using OpenCL images, any
 * DSP or NPU). Accelerator ↔ accelerator goes through the CPU: both legs.
 * CPU targets share memory coherently: free. Each pass over the data reads
 * and writes it, which is the DRAM traffic the copy puts on the bus.
 */
/** What a target is: the device answers, refusing unknown names. */
export interface TargetKinds {
  kindOf(target: string): ProcessorKind;
}

export class TransferPricing {
  constructor(
    private readonly soc: SocSpec,
    private readonly kinds: TargetKinds,
    private readonly gpuMemory: "image" | "buffer" | undefined,
  ) {}

  price(bytes: number, from: string, to: string): TransferPrice {
    if (from === to || bytes < 0) return FREE;
    const legs = [from, to].filter((target) => this.kinds.kindOf(target) !== "cpu");
    if (legs.length === 0) return FREE;
    let syncSeconds = 0;
    let copySeconds = 0;
    let passes = 0;
    for (const accelerator of legs) {
      const cost = this.soc.transfers[accelerator];
      if (cost === undefined)
        throw new Error(`SoC ${this.soc.id} has no transfer costs for "${accelerator}"`);
      syncSeconds += cost.sync;
      copySeconds += bytes / cost.copy_bandwidth;
      passes++;
      if (this.converts(accelerator)) {
        copySeconds += bytes / cost.conversion_bandwidth;
        passes++;
      }
    }
    return { syncSeconds, copySeconds, dramBytes: 2 * bytes * passes };
  }

  seconds(bytes: number, from: string, to: string): number {
    const price = this.price(bytes, from, to);
    return price.syncSeconds + price.copySeconds;
  }

  private converts(accelerator: string): boolean {
    return this.kinds.kindOf(accelerator) !== "gpu" || this.gpuMemory === "image";
  }
}
