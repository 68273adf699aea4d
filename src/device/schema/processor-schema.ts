import { z } from "zod";
import {
  dtype,
  fraction,
  nonNegative,
  opKind,
  opKindTable,
  opKindTableWithDefault,
  positive,
} from "./fields.ts";
import { governorSchema } from "./governor-schema.ts";

/**
 * One processor of a SoC: a CPU cluster, the GPU, the DSP or the NPU. Each
 * processor is one DVFS domain with its own operating points.
 */

export const PROCESSOR_KINDS = ["cpu", "gpu", "dsp", "npu"] as const;
export type ProcessorKind = (typeof PROCESSOR_KINDS)[number];

/** Processor ids a SoC file may use, with the kind each implies (the contract's names). */
export const PROCESSOR_IDS: Readonly<Record<string, ProcessorKind>> = {
  "cpu-prime": "cpu",
  "cpu-big": "cpu",
  "cpu-little": "cpu",
  gpu: "gpu",
  dsp: "dsp",
  npu: "npu",
};

export const processorKind = z.enum(PROCESSOR_KINDS, {
  error: (issue) =>
    `unknown processor kind "${String(issue.input)}" (known: ${PROCESSOR_KINDS.join(", ")})`,
});

const operatingPoint = z.strictObject({
  freq: positive("frequency"),
  voltage: positive("voltage"),
});

/** Operating points in rising frequency; a higher frequency never runs at a lower voltage. */
const operatingPoints = z
  .array(operatingPoint)
  .min(1, { error: "list at least one operating point" })
  .superRefine((points, context) => {
    for (let index = 1; index < points.length; index++) {
      const previous = points[index - 1]!;
      const point = points[index]!;
      if (point.freq <= previous.freq) {
        context.addIssue({
          code: "custom",
          path: [index, "freq"],
          message: "operating points must be listed in strictly rising frequency",
        });
      } else if (point.voltage < previous.voltage) {
        context.addIssue({
          code: "custom",
          path: [index, "voltage"],
          message: `voltage falls (${previous.voltage} V → ${point.voltage} V) while the frequency rises`,
        });
      }
    }
  });

/** Shape limits an accelerator or a framework back-end puts on an op kind it otherwise accepts. */
export const opConstraint = z.strictObject({
  /** Square kernel sizes accepted (e.g. [3] for depthwise on the 2020 Hexagon delegate). */
  kernel_sizes: z.array(z.int().positive()).min(1).optional(),
  max_stride: z.int().positive().optional(),
  dilations: z.array(z.int().positive()).min(1).optional(),
  /** Whether grouped (not depthwise) convolutions are accepted. */
  grouped: z.boolean().optional(),
  /** Largest output height and width (e.g. Hexagon bilinear resize ≤ 65). */
  max_output_size: z.int().positive().optional(),
});
export type OpConstraint = z.output<typeof opConstraint>;

/** Which ops a processor (its hardware and driver) can run at all. */
export const supportSchema = z.strictObject({
  dtypes: z.array(dtype).min(1),
  /** `all`, or the op kinds accepted. */
  ops: z.union([z.literal("all"), z.array(opKind).min(1)]),
  /** Kinds removed from `ops` (handy with `all`). */
  except: z.array(opKind).default([]),
  constraints: opKindTable(opConstraint, false).default({}),
});
export type SupportSpec = z.output<typeof supportSchema>;

const peakSchema = z
  .strictObject({
    fp32: z.number().positive(),
    fp16: z.number().positive(),
    int8: z.number().positive(),
  })
  .partial()
  .refine((peaks) => Object.keys(peaks).length > 0, {
    error: "give the peak of at least one dtype",
  });

const processorPowerSchema = z.strictObject({
  /** C in P = C·V²·f while busy, per core for CPU clusters, for the whole processor otherwise. */
  dynamic_capacitance: positive("capacitance"),
  /** Static power at the SoC's leakage reference voltage and 25 °C (per core for CPU clusters). */
  leakage: nonNegative("power"),
  /** Power while idle but not power-collapsed (per core for CPU clusters). */
  idle: nonNegative("power"),
  /** Time idle before the processor power-collapses (GPU), if it does. */
  idle_timeout: nonNegative("time").optional(),
});

export const processorSchema = z.strictObject({
  kind: processorKind,
  /** Core or GPU/NPU family; processors with the same name share efficiencies across SoCs. */
  microarchitecture: z.string().regex(/^[a-z0-9][a-z0-9.+-]*$/, {
    error: "use lower-case letters, digits, '.', '+' or '-' (e.g. cortex-a76, adreno-6xx)",
  }),
  /** Cores in a CPU cluster; 1 for accelerators. */
  // A cluster of a phone SoC has at most a handful; the bound keeps per-core tables finite.
  cores: z.int().positive().max(64),
  /**
   * Accelerators: work units (tiles) in flight at once. An op with fewer
   * tiles than this leaves the rest idle (GPU occupancy). CPU clusters run
   * one tile per thread and leave it out.
   */
  concurrency: z.int().positive().optional(),
  /**
   * Accelerators: fraction of the processor's DRAM bandwidth a batch-1
   * fully-connected layer (a matrix–vector product, one multiply per weight)
   * streams its weights at, whatever framework drives it. Absent: 1.
   */
  weight_streaming: fraction.optional(),
  /**
   * Accelerators, optional (default 0): time the processor's driver and
   * command front end spend starting each kernel, whatever framework
   * submits it; added to the framework's own per-op dispatch.
   */
  launch: nonNegative("time").optional(),
  /** Peak multiply-accumulates per cycle per dtype (per core for CPU clusters). */
  macs_per_cycle: peakSchema,
  /** Fraction of peak each op kind reaches on this microarchitecture (`default` for the rest). */
  efficiency: opKindTableWithDefault(fraction),
  /** Efficiency multiplier per GPU memory object (OpenCL image vs buffer). */
  memory_objects: z.strictObject({ image: fraction, buffer: fraction }).optional(),
  /** The last cache level this processor reads through before DRAM. */
  cache: positive("bytes"),
  cache_bandwidth: positive("bandwidth"),
  /** DRAM bandwidth one core (CPU) or the processor (accelerators) can draw at most. */
  max_bandwidth: positive("bandwidth"),
  operating_points: operatingPoints,
  governor: governorSchema,
  power: processorPowerSchema,
  support: supportSchema,
});

export type ProcessorSpec = z.output<typeof processorSchema>;
