import { DTYPES, type DType, OP_KINDS, type OpKind } from "../../graph/op-kinds.ts";
import { sliceSeconds, tunableScaling } from "../dynamics/barrier-wait.ts";
import type { SocSpec } from "../load-soc.ts";
import type { BackendSpec } from "../schema/framework-schema.ts";
import type { ProcessorKind, ProcessorSpec } from "../schema/processor-schema.ts";
import { sharedTarget } from "./shared-costs.ts";

/**
 * A target is what an op is priced on: one processor as a framework drives
 * it (all cores of a cluster, the GPU, …) or the framework's whole-CPU
 * configuration `cpu`, whose threads span clusters. Compiling reads every
 * coefficient from the SoC file once, into flat numbers and arrays.
 */
export interface Target {
  readonly id: string;
  readonly kind: ProcessorKind;
  readonly framework: string;
  readonly backend: BackendSpec;
  /** The DVFS domains (processor ids) whose cores this target uses; the first runs serial work. */
  readonly domains: readonly string[];
  /** Cores used in each domain: the runnable threads the target puts there at run time. */
  readonly threadsPerDomain: readonly number[];
  /** Cores used in all. */
  readonly threads: number;
  /**
   * Work units (tiles) the target runs at once: its threads on a CPU (the
   * pool's, even beyond its cores), the processor's `concurrency` on an
   * accelerator. An op with fewer tiles leaves units idle; `macsPerCycle` is per unit.
   */
  readonly parallelUnits: number;
  /**
   * Per domain, how many units its busiest core runs in turn: 1 unless a
   * thread pool has more threads than cores (thread i on core i mod cores).
   */
  readonly unitsPerCore: readonly number[];
  /**
   * Per domain, the place of its busiest (first) core in the order threads
   * take cores: unit i runs on the core at place i mod cores, so a core
   * earlier in the order takes the leftover tiles first.
   */
  readonly firstCorePlaces: readonly number[];
  /**
   * Seconds one hand-over between threads of the pool that share a core
   * costs (the back-end's `oversubscription_sync`; 0 when no core is shared).
   */
  readonly handoverSeconds: number;
  /** CFS slice (s) of each thread on the busiest core (barrier-wait.ts): a longer turn is cut into slices. */
  readonly sliceSeconds: number;
  /** Peak MACs per cycle per core (derated per dtype by the back-end), per domain, indexed by DTYPES. */
  readonly macsPerCycle: readonly Float64Array[];
  /** Per domain, per op kind (OP_KINDS order): processor × framework × memory-object efficiency. */
  readonly efficiency: readonly Float64Array[];
  readonly serialFraction: number;
  /** Factor on parallel work: above 1 when a core runs more than one of the pool's threads. */
  readonly parallelSlowdown: number;
  /** Work goes to whichever thread is free (a speed-proportional split) instead of in equal shares. */
  readonly balanced: boolean;
  /** Highest operating-point frequency of each domain (the split of balanced work is set there). */
  readonly nominalFrequencies: Float64Array;
  /** Divides the work of Winograd-eligible convolutions (1 when the back-end has no Winograd). */
  readonly winogradSpeedup: number;
  readonly dispatchSeconds: number;
  /** Sustained DRAM bandwidth the target can draw alone (B/s). */
  readonly dramBandwidth: number;
  readonly cacheBandwidth: number;
  /** Cache and DRAM bandwidth (B/s) one thread on the first domain draws: what a serial op moves its bytes at. */
  readonly threadCacheBandwidth: number;
  readonly threadDramBandwidth: number;
  readonly cacheBytes: number;
  /**
   * Fraction of the DRAM bandwidth fully-connected layers stream their
   * weights at (accelerators; 1 on CPUs): their weight bytes count 1/this.
   */
  readonly weightStreaming: number;
  readonly fused: ReadonlySet<OpKind>;
  /** Per op kind (OP_KINDS order): whether the back-end runs it on one thread. */
  readonly serialKinds: readonly boolean[];
}

export const KIND_INDEX: ReadonlyMap<OpKind, number> = new Map(
  OP_KINDS.map((kind, index) => [kind, index]),
);
export const DTYPE_INDEX: ReadonlyMap<DType, number> = new Map(
  DTYPES.map((dtype, index) => [dtype, index]),
);

function efficiencyByKind(processor: ProcessorSpec, backend: BackendSpec): Float64Array {
  const table = new Float64Array(OP_KINDS.length);
  const objectFactor =
    backend.memory && processor.memory_objects ? processor.memory_objects[backend.memory] : 1;
  const processorDefault = processor.efficiency.default!;
  const backendDefault = backend.efficiency.default!;
  OP_KINDS.forEach((kind, index) => {
    const own = processor.efficiency[kind] ?? processorDefault;
    const kernel = backend.efficiency[kind] ?? backendDefault;
    table[index] = own * kernel * objectFactor;
  });
  return table;
}

/** Peak MACs per cycle per dtype, derated by the back-end's kernel efficiency for that dtype. */
function peaks(processor: ProcessorSpec, backend: BackendSpec): Float64Array {
  const table = new Float64Array(DTYPES.length);
  DTYPES.forEach((dtype, index) => {
    table[index] = (processor.macs_per_cycle[dtype] ?? 0) * (backend.dtype_efficiency[dtype] ?? 1);
  });
  return table;
}

/** The framework's back-end for a processor kind, or undefined when it cannot drive that kind. */
export function backendFor(
  soc: SocSpec,
  framework: string,
  kind: ProcessorKind,
): BackendSpec | undefined {
  const profile = soc.frameworks[framework];
  if (profile === undefined) throw new Error(`SoC ${soc.id} has no framework "${framework}"`);
  return profile.backends[kind];
}

function compile(
  soc: SocSpec,
  framework: string,
  id: string,
  kind: ProcessorKind,
  backend: BackendSpec,
  placements: readonly { processor: string; threads: number }[],
  pool?: {
    readonly threads: number;
    readonly unitsPerCore: readonly number[];
    readonly firstCorePlaces: readonly number[];
  },
): Target {
  const processors = placements.map(({ processor }) => soc.processors[processor]!);
  const threads = placements.reduce((sum, placement) => sum + placement.threads, 0);
  const parallelUnits =
    kind === "cpu" ? (pool?.threads ?? threads) : (processors[0]!.concurrency ?? 1);
  const unitsPerCore = pool?.unitsPerCore ?? placements.map(() => 1);
  const firstCorePlaces = pool?.firstCorePlaces ?? placements.map(() => 0);
  const oversubscribed = unitsPerCore[0]! > 1;
  const unitShare = kind === "cpu" ? 1 : 1 / parallelUnits;
  const sustained = soc.memory.sustained_fraction[kind] ?? 1;
  const drawable = placements.reduce(
    (sum, placement, index) => sum + placement.threads * processors[index]!.max_bandwidth,
    0,
  );
  return {
    id,
    kind,
    framework,
    backend,
    domains: placements.map((placement) => placement.processor),
    threadsPerDomain: placements.map((placement) => placement.threads),
    threads,
    parallelUnits,
    unitsPerCore,
    firstCorePlaces,
    handoverSeconds: oversubscribed ? backend.oversubscription_sync : 0,
    sliceSeconds: sliceSeconds(unitsPerCore[0]!, tunableScaling(cpuCores(soc))),
    macsPerCycle: processors.map((processor) =>
      peaks(processor, backend).map((peak) => peak * unitShare),
    ),
    efficiency: processors.map((processor) => efficiencyByKind(processor, backend)),
    serialFraction: kind === "cpu" ? backend.serial_fraction : 0,
    parallelSlowdown: oversubscribed ? backend.oversubscription_slowdown : 1,
    balanced: backend.threading === "dynamic",
    nominalFrequencies: Float64Array.from(
      processors,
      (processor) => processor.operating_points.at(-1)!.freq,
    ),
    winogradSpeedup: backend.winograd?.speedup ?? 1,
    dispatchSeconds: backend.dispatch + (kind === "cpu" ? 0 : (processors[0]!.launch ?? 0)),
    dramBandwidth: Math.min(soc.memory.peak_bandwidth * sustained, drawable),
    cacheBandwidth: placements.reduce(
      (sum, placement, index) => sum + placement.threads * processors[index]!.cache_bandwidth,
      0,
    ),
    threadCacheBandwidth: processors[0]!.cache_bandwidth,
    threadDramBandwidth: Math.min(
      soc.memory.peak_bandwidth * sustained,
      processors[0]!.max_bandwidth,
    ),
    cacheBytes: processors[0]!.cache,
    weightStreaming: kind === "cpu" ? 1 : (processors[0]!.weight_streaming ?? 1),
    fused: new Set(backend.fuse),
    serialKinds: OP_KINDS.map((opKind) => kind === "cpu" && backend.serial_ops.includes(opKind)),
  };
}

/** Clusters by their highest operating point, fastest first (stable: equal clocks keep the file's order). */
function fastestFirst(soc: SocSpec, clusters: readonly string[]): string[] {
  const topClock = (id: string) => soc.processors[id]!.operating_points.at(-1)!.freq;
  return [...clusters].sort((a, b) => topClock(b) - topClock(a));
}

/** Cores of every CPU cluster of the SoC. */
export function cpuCores(soc: SocSpec): number {
  return Object.values(soc.processors).reduce(
    (sum, processor) => sum + (processor.kind === "cpu" ? processor.cores : 0),
    0,
  );
}

/** Threads a CPU target may run per CPU core of the SoC: more share cores, and the sharing is priced. */
const THREADS_PER_CORE = 4;

/**
 * Why `threads` cannot be the thread count of a framework's whole-CPU target
 * on the SoC (one message for `profile --threads` and a workload's
 * `threads:`), or undefined when it can.
 */
export function cpuThreadsProblem(soc: SocSpec, threads: number): string | undefined {
  const limit = THREADS_PER_CORE * cpuCores(soc);
  if (Number.isInteger(threads) && threads >= 1 && threads <= limit) return undefined;
  return `must be a whole number from 1 to ${limit} (${THREADS_PER_CORE} per CPU core of ${soc.id}), got ${threads}`;
}

/**
 * The id of a framework's whole-CPU target with `threads` threads: `cpu` at
 * the framework's own count (or none given), else `cpu:N`, so that a device
 * may hold one per thread count its apps use.
 */
export function cpuTargetId(soc: SocSpec, framework: string, threads?: number): string {
  const own = soc.frameworks[framework]?.cpu.threads;
  return threads === undefined || threads === own ? "cpu" : `cpu:${threads}`;
}

/**
 * The whole-CPU configuration `cpu` of a framework: `threads` threads on the
 * cores of its clusters, thread i on the (i mod cores)-th fastest core. More
 * threads than cores take turns on them (CFS): an op's barrier waits for the
 * busiest core to run each of its threads' shares, with a hand-over
 * (`oversubscription_sync`) between turns and the back-end's
 * `oversubscription_slowdown` on the parallel work (see op-cost.ts).
 * With a thread count other than the framework's, its id is `cpu:N`.
 *
 * `busyCores` (cluster id → cores other thread pools hold) binds the threads
 * as the kernel's wake-up placement would: to free cores first, fastest
 * first, then to the busy ones in the same order (dynamics/core-binding.ts).
 * Such a binding's id adds `@` and the clusters in the order taken.
 */
export function compileCpuTarget(
  soc: SocSpec,
  framework: string,
  threadsOverride?: number,
  busyCores?: Readonly<Record<string, number>>,
): Target {
  const key = JSON.stringify(["cpu", framework, threadsOverride ?? null, busyCores ?? null]);
  return sharedTarget(soc, key, () => compileCpu(soc, framework, threadsOverride, busyCores))!;
}

function compileCpu(
  soc: SocSpec,
  framework: string,
  threadsOverride: number | undefined,
  busyCores: Readonly<Record<string, number>> = {},
): Target {
  const profile = soc.frameworks[framework];
  if (profile === undefined) throw new Error(`SoC ${soc.id} has no framework "${framework}"`);
  const pool = threadsOverride ?? profile.cpu.threads;
  const clusters = fastestFirst(soc, profile.cpu.clusters);
  const busyOf = (cluster: string) =>
    Math.min(busyCores[cluster] ?? 0, soc.processors[cluster]!.cores);
  // The cores in the order threads take them: the free ones fastest first, then the busy ones.
  const order: string[] = [];
  for (const cluster of clusters)
    for (let core = busyOf(cluster); core < soc.processors[cluster]!.cores; core++)
      order.push(cluster);
  for (const cluster of clusters)
    for (let core = 0; core < busyOf(cluster); core++) order.push(cluster);
  // Thread i on the core at position i mod cores: a cluster's first position is its busiest core.
  const used = Math.min(pool, order.length);
  const placements: { processor: string; threads: number }[] = [];
  const unitsPerCore: number[] = [];
  const firstCorePlaces: number[] = [];
  for (let position = 0; position < used; position++) {
    const cluster = order[position]!;
    let placement = placements.find((entry) => entry.processor === cluster);
    if (placement === undefined) {
      placement = { processor: cluster, threads: 0 };
      placements.push(placement);
      unitsPerCore.push(Math.ceil((pool - position) / used));
      firstCorePlaces.push(position);
    }
    placement.threads++;
  }
  const base = cpuTargetId(soc, framework, threadsOverride);
  const free = clusters.every((cluster) => busyOf(cluster) === 0);
  const id = free ? base : `${base}@${order.slice(0, used).join(",")}`;
  return compile(soc, framework, id, "cpu", profile.backends.cpu!, placements, {
    threads: pool,
    unitsPerCore,
    firstCorePlaces,
  });
}

/** What a run may change about how a framework drives a processor (seed study F1: buffer vs image). */
export interface TargetOverrides {
  readonly memory?: "image" | "buffer";
}

/** One processor as the framework drives it: every core of a CPU cluster, or the accelerator. */
export function compileProcessorTarget(
  soc: SocSpec,
  framework: string,
  processorId: string,
  overrides: TargetOverrides = {},
): Target | undefined {
  const key = JSON.stringify(["processor", processorId, framework, overrides.memory ?? null]);
  return sharedTarget(soc, key, () => compileProcessor(soc, framework, processorId, overrides));
}

function compileProcessor(
  soc: SocSpec,
  framework: string,
  processorId: string,
  overrides: TargetOverrides,
): Target | undefined {
  const processor = soc.processors[processorId];
  if (processor === undefined) throw new Error(`SoC ${soc.id} has no processor "${processorId}"`);
  const configured = backendFor(soc, framework, processor.kind);
  if (configured === undefined) return undefined;
  const backend =
    overrides.memory === undefined ? configured : { ...configured, memory: overrides.memory };
  return compile(soc, framework, processorId, processor.kind, backend, [
    { processor: processorId, threads: processor.cores },
  ]);
}
