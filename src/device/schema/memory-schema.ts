import { z } from "zod";
import { fraction, nonNegative, positive } from "./fields.ts";
import { governorSchema } from "./governor-schema.ts";

/** DRAM and the system-level cache every processor shares. */
export const memorySchema = z.strictObject({
  /** e.g. "LPDDR4X-4266, 4 × 16 bit". */
  type: z.string().min(1),
  peak_bandwidth: positive("bandwidth"),
  /** Share of the peak a processor kind sustains on streaming access. */
  sustained_fraction: z
    .strictObject({ cpu: fraction, gpu: fraction, dsp: fraction, npu: fraction })
    .partial(),
  /** 0 B on chips without one (Kirin 960/970). */
  system_cache: nonNegative("bytes"),
  energy_per_byte: positive("energyPerByte"),
  governor: governorSchema,
});

export type MemorySpec = z.output<typeof memorySchema>;

/** What a CPU ↔ accelerator boundary costs: the tensor crosses, and both sides synchronise. */
export const transferSchema = z.strictObject({
  /** Fixed cost per crossing: queue finish and map/unmap (GPU) or an RPC round trip (DSP, NPU). */
  sync: positive("time"),
  /** Rate at which a tensor is copied or mapped between the two memory spaces. */
  copy_bandwidth: positive("bandwidth"),
  /** Rate of a layout or precision conversion on the way (buffer ↔ image, quantise/dequantise). */
  conversion_bandwidth: positive("bandwidth"),
  /**
   * CPU-side cache maintenance (flush, invalidate) of the buffers per
   * crossing, on top of `sync`: a FastRPC call to a DSP without IO coherence.
   */
  cache_maintenance: nonNegative("time").default(0),
});

export type TransferSpec = z.output<typeof transferSchema>;
