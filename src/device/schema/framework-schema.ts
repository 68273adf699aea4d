import { z } from "zod";
import { dtype, nonNegative, opKind, opKindTable, opKindTableWithDefault } from "./fields.ts";
import { opConstraint, PROCESSOR_KINDS } from "./processor-schema.ts";

/**
 * A framework profile: how one inference framework (MACE, TFLite, ncnn, …)
 * runs models on this SoC. Kernel efficiencies are relative multipliers on
 * the processor's own efficiency for the op kind.
 */

const partitioningSchema = z.strictObject({
  /** Accelerator partitions kept, largest first; 0 keeps every one. */
  max_partitions: z.int().min(0),
  /** Partitions with fewer ops stay on the CPU. */
  min_partition_ops: z.int().positive(),
  /** The model is converted whole or not at all: one unsupported op sends every op to the CPU. */
  all_or_nothing: z.boolean().default(false),
});

const tileSchema = z.strictObject({
  /** Output rows, columns and channels one work unit covers; work is rounded up to whole units. */
  rows: z.int().positive(),
  cols: z.int().positive(),
  channels: z.int().positive(),
});

const backendSchema = z.strictObject({
  /** Compute dtype per model dtype; a model dtype missing here is not supported by this back-end. */
  precision: z.partialRecord(z.enum(["fp32", "fp16", "int8"]), dtype),
  ops: z.union([z.literal("all"), z.array(opKind).min(1)]),
  except: z.array(opKind).default([]),
  constraints: opKindTable(opConstraint, false).default({}),
  partitioning: partitioningSchema,
  /** Fixed cost per op: kernel launch, thread wake-up, command submission. */
  dispatch: nonNegative("time"),
  /**
   * How a CPU back-end splits a parallel op between threads: `static`, equal
   * shares (the slowest core finishes last), or `dynamic`, threads take tiles
   * as they free up (fast cores do more).
   */
  threading: z.enum(["static", "dynamic"]).default("static"),
  /**
   * Factor on the parallel part when the framework runs more threads than the
   * configuration has cores, so that threads take turns on a core (each
   * turn starts on caches its sibling's turn refilled).
   */
  oversubscription_slowdown: z.number().min(1).default(1),
  /**
   * Time each hand-over between two of the pool's threads sharing a core
   * costs: the barrier ending an op waits for its busiest core to pass from
   * one thread's turn (a CFS slice at most) to the next, T threads on C
   * cores taking ⌈T/C⌉ turns.
   */
  oversubscription_sync: nonNegative("time").default(0),
  /**
   * How long a CPU back-end's pool threads busy-wait for the next op before
   * they sleep (MACE's thread pool spins for its next event): CPU time on
   * their cores while the app does something else.
   */
  spin_wait: nonNegative("time").default(0),
  /** Share of a parallel op that does not speed up with threads (CPU back-ends). */
  serial_fraction: z.number().min(0).lt(1).default(0),
  tile: tileSchema,
  /**
   * Op kinds the back-end runs on one thread whatever its thread count (CPU
   * back-ends): a channel concat copied by one memcpy loop, say. Their work
   * is serial and their bytes move at one thread's share of the bandwidth.
   */
  serial_ops: z.array(opKind).default([]),
  /** Op kinds executed inside the producing convolution / fully-connected kernel. */
  fuse: z.array(opKind).default([]),
  /**
   * Which producers the `fuse` kinds run inside: `kernels` (convolutions,
   * fully-connected layers and matrix products) or `any` op whose output
   * feeds only them (the TFLite GPU delegate links element-wise ops into
   * whatever kernel wrote their input: pooling, resize, another element-wise op).
   */
  fuse_into: z.enum(["kernels", "any"]).default("kernels"),
  efficiency: opKindTableWithDefault(z.number().positive()),
  /**
   * Op kinds the back-end has int8 kernels for. In an int8 model the other
   * kinds run its float path (the input dequantised, a float kernel, the
   * output requantised): they compute in what `precision` maps fp32 to and
   * move float bytes. Absent: every kind has an int8 kernel.
   */
  int8_ops: z.array(opKind).optional(),
  /** Kernel efficiency multiplier per compute dtype (int8 kernels rarely reach the int8 peak). */
  dtype_efficiency: z
    .partialRecord(z.enum(["fp32", "fp16", "int8"]), z.number().positive())
    .default({}),
  /**
   * 3×3, stride-1, ungrouped convolutions run as Winograd: their multiplies
   * are divided by `speedup` (transforms included).
   */
  winograd: z.strictObject({ speedup: z.number().gt(1) }).optional(),
  /** OpenCL memory object for tensors (GPU back-ends). */
  memory: z.enum(["image", "buffer"]).optional(),
});

export type BackendSpec = z.output<typeof backendSchema>;

export const frameworkSchema = z.strictObject({
  /** Which release or fork the profile describes. */
  about: z.string().min(1),
  /** The `cpu` configuration the framework uses by default. */
  cpu: z.strictObject({
    threads: z.int().positive(),
    /** Clusters whose cores the threads run on, fastest first. */
    clusters: z.array(z.string().min(1)).min(1),
  }),
  backends: z
    .partialRecord(z.enum(PROCESSOR_KINDS), backendSchema)
    .refine((backends) => "cpu" in backends, {
      error: "every framework needs a cpu back-end (it is where unsupported ops fall back)",
    }),
});

export type FrameworkSpec = z.output<typeof frameworkSchema>;
