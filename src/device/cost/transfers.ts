import type { DType } from "../../graph/op-kinds.ts";
import type { SocSpec } from "../load-soc.ts";
import type { ProcessorKind } from "../schema/processor-schema.ts";

/** One crossing priced: fixed synchronisation, copy and conversion seconds, DRAM bytes moved. */
export interface TransferPrice {
  readonly syncSeconds: number;
  readonly copySeconds: number;
  readonly dramBytes: number;
}

const FREE: TransferPrice = { syncSeconds: 0, copySeconds: 0, dramBytes: 0 };

/** What a target is and how its back-end stores tensors: the device or a placement answers. */
export interface TransferTargets {
  kindOf(target: string): ProcessorKind;
  /** The dtype the target's back-end keeps a tensor of `dtype` in. */
  storedDtype(target: string, dtype: DType): DType;
}

/**
 * The one transfer model: `socsim profile`, the fit and the simulation
 * price every crossing with it. A CPU ↔ accelerator leg pays the
 * accelerator's sync (queue finish and map/unmap, or the RPC round trip,
 * plus the CPU's cache maintenance of the buffers where the file gives it),
 * the copy, and a layout or precision conversion when the accelerator needs
 * one: a GPU keeping tensors in OpenCL images (buffer ↔ image), any DSP or
 * NPU (quantise/dequantise), or a back-end storing the tensor's dtype as
 * another (fp32 ↔ fp16). Accelerator ↔ accelerator goes through the CPU:
 * both legs. CPU targets share memory coherently: free. Each pass over the
 * data reads and writes it, which is the DRAM traffic the copy puts on the bus.
 */
export class TransferPricing {
  constructor(
    private readonly soc: SocSpec,
    private readonly targets: TransferTargets,
    private readonly gpuMemory: "image" | "buffer" | undefined,
  ) {}

  /**
   * `dtype`: the tensor's own dtype, when known (a precision change converts it).
   * `sliceDtype`: the dtype a split slice at either end computes in, when it
   * is not the tensor's (μLayer's int8 CPU and fp16 GPU slices): the data is
   * quantised or dequantised once on the way. The SoC files give conversion
   * rates per accelerator only, so this pass is priced at the crossing's
   * accelerator's `conversion_bandwidth` whichever side converts (assumed:
   * a CPU quantise pass runs at about the rate of a layout conversion).
   */
  price(bytes: number, from: string, to: string, dtype?: DType, sliceDtype?: DType): TransferPrice {
    if (from === to || bytes < 0) return FREE;
    let syncSeconds = 0;
    let copySeconds = 0;
    let passes = 0;
    let sliceConverted = sliceDtype === undefined || sliceDtype === dtype;
    for (let leg = 0; leg < 2; leg++) {
      const accelerator = leg === 0 ? from : to;
      if (this.targets.kindOf(accelerator) === "cpu") continue;
      const cost = this.soc.transfers[accelerator];
      if (cost === undefined)
        throw new Error(`SoC ${this.soc.id} has no transfer costs for "${accelerator}"`);
      syncSeconds += cost.sync + cost.cache_maintenance;
      copySeconds += bytes / cost.copy_bandwidth;
      passes++;
      if (this.converts(accelerator, dtype)) {
        copySeconds += bytes / cost.conversion_bandwidth;
        passes++;
      }
      if (!sliceConverted) {
        copySeconds += bytes / cost.conversion_bandwidth;
        passes++;
        sliceConverted = true;
      }
    }
    if (passes === 0) return FREE;
    return { syncSeconds, copySeconds, dramBytes: 2 * bytes * passes };
  }

  seconds(bytes: number, from: string, to: string, dtype?: DType): number {
    const price = this.price(bytes, from, to, dtype);
    return price.syncSeconds + price.copySeconds;
  }

  private converts(accelerator: string, dtype: DType | undefined): boolean {
    if (this.targets.kindOf(accelerator) !== "gpu" || this.gpuMemory === "image") return true;
    return dtype !== undefined && this.targets.storedDtype(accelerator, dtype) !== dtype;
  }
}
