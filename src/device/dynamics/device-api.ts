import type { RandomStreams } from "../../core/random.ts";
import type { Graph } from "../../graph/ir.ts";
import type { DType, OpKind } from "../../graph/op-kinds.ts";
import type { OpCycles } from "../cost/op-cost.ts";
import type { SliceRequest } from "../cost/price.ts";
import type { Target } from "../cost/target.ts";
import type { SocSpec } from "../load-soc.ts";
import type { ProcessorKind } from "../schema/processor-schema.ts";

/**
 * The device as the runtime drives it: a phone whose speed changes while
 * work runs. Jobs are fluid (remaining work and a rate, re-timed whenever
 * the rate changes); CPU clusters share their cores fairly, accelerators run
 * one kernel at a time in the order given; DRAM bandwidth and the
 * last-level cache are shared by every running job; DVFS governors and
 * thermal trip points move the operating points; a lumped RC network carries
 * the heat; energy is integrated at every state change.
 *
 * Every duration is the device's business: the runtime hands over cycle and
 * byte counts (from `costs(graph)`) and bytes to move, and gets completion
 * times back through the simulator's events.
 */

/** Names of the DVFS governors a scenario may choose per frequency domain. */
export const GOVERNOR_NAMES = [
  "performance",
  "powersave",
  "userspace",
  "schedutil",
  "simple_ondemand",
] as const;
export type GovernorName = (typeof GOVERNOR_NAMES)[number];

/** How a device is set up for one run: the scenario's what-if knobs, resolved to SI units. */
export interface DeviceOptions {
  /** Framework profile of the SoC file (default: the file's `default_framework`). */
  readonly framework?: string;
  /** OpenCL memory object of the GPU back-end, overriding the profile's (seed study F1). */
  readonly gpuMemory?: "image" | "buffer";
  /**
   * Thread counts of the framework's whole-CPU target besides the profile's
   * own (apps' `threads:`): each is compiled once, as target
   * `cpuTargetId(soc, framework, threads)` (`cpu:N`).
   */
  readonly cpuThreadCounts?: readonly number[];
  /** Ambient temperature, °C (default: the SoC file's `thermal.ambient`). */
  readonly ambientC?: number;
  /** Thermal node → temperature at time zero, °C (default: ambient). */
  readonly initialTempsC?: Readonly<Record<string, number>>;
  /** Thermal node → temperature held for the whole run, °C (seed study σ1/σ2). */
  readonly holdTempsC?: Readonly<Record<string, number>>;
  /** Thermal node → temperature at time zero, the other nodes at the steady state of the load that holds it there (σ1/σ2 as a pre-heated phone). */
  readonly preheatTempsC?: Readonly<Record<string, number>>;
  /** Frequency domain (processor id) → governor, replacing the SoC file's. */
  readonly governors?: Readonly<Record<string, GovernorName>>;
  /** Frequency domain → fixed frequency (Hz); implies `userspace`. The highest point not above it is used. */
  readonly fixedFrequencyHz?: Readonly<Record<string, number>>;
  /** Pins the last-level cache hit rate of every op job (seed study σ3: 0.2). */
  readonly cacheHitRate?: number;
  /** Step of the thermal network (ns); default 10 ms. */
  readonly thermalTickNs?: number;
  /** Streams for the device's own draws (phases of competing loads); without it every phase is 0. */
  readonly random?: RandomStreams;
  /**
   * The caller keeps no job handle past the job's completion callback, so
   * the device may reuse finished job records (the runtime's mode: no
   * allocation per op). Off by default, and off once anything observes jobs.
   */
  readonly recycleJobs?: boolean;
}

/** Receives a job's energy (J): its tag, and the competing load it belongs to if any (the tag is then undefined). */
export type EnergySink<Tag> = (tag: Tag, competingLoad: string | undefined, joules: number) => void;

/** Called once, from a simulator event, when a job's work is done. */
export type CompletionCallback = (timeNs: number) => void;

/** An op, or a slice of one, on a target. */
export interface OpJob<Tag> {
  /** `cpu` (the framework's whole-CPU target) or `cpu:N` (with N threads), a CPU cluster id, `gpu`, `dsp` or `npu`. */
  readonly target: string;
  /** Its counts on that target: `device.costs(graph).cycles(op, target)`, or `.sliceCycles(…)` for a slice. */
  readonly cycles: OpCycles;
  /** Bytes the job keeps in the last-level cache while it runs; default `cycles.bytes`. */
  readonly workingSetBytes?: number;
  /** Whether the submitting thread is in Android's top-app group (the foreground app): the CPU governor's boost. */
  readonly topApp?: boolean;
  readonly tag: Tag;
  readonly onDone: CompletionCallback;
}

/** Submits the ops of one graph on one target: `submit` of the op's cycles there, default working set. */
export interface OpSubmitter<Tag> {
  /**
   * The op, or with `share` < 1 the first `share` of its output channels
   * priced as that slice (see `ModelCosts.sliceCycles`; a slice elsewhere, or
   * of rows, goes through `submitCycles`).
   */
  submit(op: number, share: number, tag: Tag, onDone: CompletionCallback): JobHandle<Tag>;
  /** A slice's counts, priced once by the caller (`costs(graph).sliceCycles`) and kept. */
  submitCycles(cycles: OpCycles, tag: Tag, onDone: CompletionCallback): JobHandle<Tag>;
}

/** Plain busy time on one processor: UI frames, scheduler decisions, competing work. */
export interface BusyJob<Tag> {
  /** A CPU cluster id or an accelerator id (not `cpu`). */
  readonly processor: string;
  /** Seconds the work takes at the processor's highest operating point with a core per thread. */
  readonly nominalSeconds: number;
  /** Threads on a CPU cluster (default 1); accelerators take 1. */
  readonly threads?: number;
  /** DRAM bandwidth (B/s) the work draws when it runs at nominal speed; default 0. */
  readonly dramBandwidth?: number;
  /** Bytes it keeps in the last-level cache while it runs; default 0. */
  readonly workingSetBytes?: number;
  /** Nice level of its threads on a CPU cluster (−20 … 19, default 0): their CFS weight against other threads. */
  readonly nice?: number;
  /** Whether its threads are in Android's top-app group (the UI, the foreground app): the CPU governor's boost. */
  readonly topApp?: boolean;
  readonly tag: Tag;
  readonly onDone: CompletionCallback;
}

/**
 * Bytes crossing between targets: CPU ↔ GPU map/unmap or copy (plus buffer ↔
 * image conversion when the GPU back-end uses images), CPU ↔ DSP/NPU driver
 * round trip and copy (plus quantise/dequantise). Between two accelerators
 * the bytes go through the CPU (both legs). Between CPU targets it is free.
 * The app's host thread does it, busy on a core of the framework's CPU
 * clusters throughout; the copy shares the DRAM bus with running jobs.
 */
export interface TransferJob<Tag> {
  readonly from: string;
  readonly to: string;
  readonly bytes: number;
  /** The tensor's dtype, when known: a back-end that stores it in another dtype converts it. */
  readonly dtype?: DType;
  /** The dtype a split slice at either end computes in, when not the tensor's: one quantise or dequantise pass. */
  readonly sliceDtype?: DType;
  /** Whether the app whose host thread moves the bytes is in Android's top-app group: the CPU governor's boost. */
  readonly topApp?: boolean;
  readonly tag: Tag;
  readonly onDone: CompletionCallback;
}

export type JobState = "queued" | "running" | "done";

/** What `submit*` returns: a live view of the job. */
export interface JobHandle<Tag> {
  readonly id: number;
  readonly tag: Tag;
  readonly state: JobState;
  readonly submittedNs: number;
  /** NaN until the job starts. */
  readonly startNs: number;
  /** NaN until the job is done. */
  readonly endNs: number;
  /**
   * Energy charged to the job so far (J): its threads' capacity share of
   * their cores' dynamic and leakage power while it ran, and its DRAM bytes;
   * counted from the statistics window's start and from the last
   * `chargeRunningJobs`. Sums over jobs never exceed the device's total
   * (idle cores, uncore and platform power belong to no job).
   */
  readonly energyJ: number;
}

/**
 * A competing process: `threads` threads on one processor that, every
 * `periodSeconds`, get work worth `dutyCycle × periodSeconds` at the
 * processor's highest operating point. A burst still unfinished when the
 * next period starts absorbs that period (the process stays runnable, it
 * does not pile up work). On an accelerator the burst is one kernel in the
 * FIFO queue. Field for field the workload file's `competing:` entry.
 */
export interface CompetingLoad {
  readonly name: string;
  readonly processor: string;
  readonly threads?: number;
  readonly dutyCycle: number;
  readonly periodSeconds: number;
  /** Bytes it keeps in the last-level cache while running; default 0. */
  readonly footprintBytes?: number;
  /** DRAM bandwidth (B/s) drawn while running at nominal speed; default 0. */
  readonly bandwidth?: number;
  /** Nice level of its threads (−20 … 19, default 0). */
  readonly nice?: number;
}

/**
 * One processor as a scheduler may see it: state, never the cost model. The
 * object is live (its getters read the device now); keep it, do not copy it.
 */
export interface ProcessorMonitor {
  readonly id: string;
  readonly kind: ProcessorKind;
  readonly frequencyHz: number;
  readonly maxFrequencyHz: number;
  /** The highest frequency the thermal trips allow now. */
  readonly capFrequencyHz: number;
  readonly temperatureC: number;
  /** Recent busy share of the processor's cores, in [0, 1] (a 32 ms-half-life average). */
  readonly utilization: number;
  /** Busy core-ns divided by cores since the run began: its differences give busy shares over any window. */
  readonly busyNs: number;
  /** Jobs running or waiting (accelerators) or running (CPU clusters). */
  readonly queueLength: number;
  readonly busy: boolean;
  /** Op kinds the framework's back-end runs on this processor (shape constraints aside). */
  readonly supportedOps: ReadonlySet<OpKind>;
  readonly dtypes: readonly DType[];
}

export interface DeviceMonitor {
  readonly processors: readonly ProcessorMonitor[];
  /** The monitor of one processor id; throws for an unknown id, naming the nearest. */
  processor(id: string): ProcessorMonitor;
  readonly skinTemperatureC: number;
}

/** An accelerator's first transfer track: track 0 shows its kernels, 1 and up its copies (one per concurrent copy). */
export const TRANSFER_TRACK = 1;

/** One job starting or ending on one track: a core (CPU lane) or an accelerator's queue. */
export interface JobTraceEvent<Tag> {
  readonly timeNs: number;
  /** When the job started running (on a start event, `timeNs`). */
  readonly startNs: number;
  readonly jobId: number;
  /** The submitter's tag; undefined for a competing load's burst. */
  readonly tag: Tag | undefined;
  /** Name of the competing load whose burst this is, if it is one. */
  readonly competingLoad: string | undefined;
  readonly processor: string;
  /** CPU: the lane of one of the job's threads (the lowest free; lanes past the core count while threads share cores); accelerator: 0 kernels, TRANSFER_TRACK and up copies. */
  readonly track: number;
}

export interface ProcessorCounters {
  readonly id: string;
  readonly frequencyHz: number;
  readonly temperatureC: number;
  /** Average power over the last counter interval (W). */
  readonly powerW: number;
}

/** A periodic sample for counter tracks. Reused between calls: read it inside the callback. */
export interface CounterSample {
  readonly timeNs: number;
  readonly processors: readonly ProcessorCounters[];
  readonly skinTemperatureC: number;
  /** Whole-device average power over the last counter interval (W), DRAM and platform included. */
  readonly totalPowerW: number;
}

/** Trace hooks; any may be left out. A multi-thread CPU job reports one event per thread. */
export interface DeviceListener<Tag> {
  jobStarted?(event: JobTraceEvent<Tag>): void;
  jobEnded?(event: JobTraceEvent<Tag>): void;
  counters?(sample: CounterSample): void;
}

/** Per processor, as results.json reports it, over the statistics window. */
export interface ProcessorStatistics {
  readonly id: string;
  readonly kind: ProcessorKind;
  /** busy_s / window. */
  readonly utilization: number;
  /** Busy core-seconds ÷ cores (accelerators: seconds with a kernel running). */
  readonly busy_s: number;
  /** Dynamic, leakage and idle energy of the processor. */
  readonly energy_j: number;
  /** Time-weighted mean frequency. */
  readonly mean_freq_hz: number;
  readonly max_temp_c: number;
  /** Time the thermal cap kept the processor below its highest operating point. */
  readonly throttled_s: number;
}

export interface DeviceStatistics {
  readonly window_s: number;
  readonly processors: readonly ProcessorStatistics[];
  /** Everything: processors, DRAM, uncore, platform idle. Never less than the processors' sum. */
  readonly energy_j: number;
  readonly avg_power_w: number;
  readonly max_skin_temp_c: number;
  readonly dram_energy_j: number;
  readonly dram_bytes: number;
  readonly uncore_energy_j: number;
  readonly platform_energy_j: number;
  /** What the processors' idle cores drew: the part of the processors' energy no job was charged. */
  readonly idle_energy_j: number;
  /** Heat that holding nodes at their temperatures (`holdTempsC`) supplied to the network, not device energy; negative when the hold cooled. */
  readonly external_heat_j: number;
}

/** Cycle counts of a model's ops on the device's targets, computed on first use. */
export interface ModelCosts {
  /** Whether the target's back-end and processor run the op at all. */
  supported(op: number, target: string): boolean;
  /** The op's counts on the target; throws when unsupported. */
  cycles(op: number, target: string): OpCycles;
  /** One slice of the op priced by its own shape (not a share of the op); throws when unsupported. */
  sliceCycles(op: number, target: string, slice: SliceRequest): OpCycles;
}

export interface Device<Tag = unknown> {
  readonly soc: SocSpec;
  readonly framework: string;
  /** Processor ids of the SoC (CPU clusters, then accelerators, in file order). */
  readonly processorIds: readonly string[];
  /** Target ids a job may name: `cpu`, `cpu:N` per `cpuThreadCounts`, each CPU cluster, each accelerator the framework drives. */
  readonly targetIds: readonly string[];
  /** The compiled cost-model target (for the runtime's offline profiler, not for schedulers). */
  target(id: string): Target;
  costs(graph: Graph): ModelCosts;
  /** Seconds of a job alone on an idle device at the highest operating points, nominal cache. */
  isolatedSeconds(target: string, cycles: OpCycles): number;
  /** Seconds a transfer takes alone on an idle bus. */
  transferSeconds(bytes: number, from: string, to: string): number;

  submit(job: OpJob<Tag>): JobHandle<Tag>;
  /** `submit` for the ops of one graph on one target, with the lookups done once (the runtime's per-op path). */
  opSubmitter(graph: Graph, target: string, topApp?: boolean): OpSubmitter<Tag>;
  submitBusy(job: BusyJob<Tag>): JobHandle<Tag>;
  submitTransfer(job: TransferJob<Tag>): JobHandle<Tag>;
  addCompetingLoad(load: CompetingLoad): void;

  readonly monitor: DeviceMonitor;
  addListener(listener: DeviceListener<Tag>, options?: { counterIntervalNs?: number }): void;

  /**
   * Where job energy goes: each job's `energyJ` is handed to `sink` when the
   * job completes (before its completion callback), or by `chargeRunningJobs`.
   * Over a statistics window, the charges, the idle energy, the uncore and
   * the platform add up to the window's `energy_j`.
   */
  chargeEnergyTo(sink: EnergySink<Tag>): void;
  /** Hands the running jobs' energy so far to the sink; they count from zero again (call before reading a window's totals). */
  chargeRunningJobs(): void;

  /** Starts the statistics window now (call at the end of warm-up); running jobs' energy counts from here. */
  resetStatistics(): void;
  /** Statistics from the window start to now. */
  statistics(): DeviceStatistics;
  /** Cancels the device's periodic events (thermal tick, governors, competing loads). */
  dispose(): void;
}
