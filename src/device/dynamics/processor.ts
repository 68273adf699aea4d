import type { ProcessorKind, ProcessorSpec } from "../schema/processor-schema.ts";
import { AcceleratorQueue } from "./accelerator-queue.ts";
import { NICE_0_WEIGHT } from "./cfs-weights.ts";
import type { FluidJob } from "./fluid-job.ts";
import { LanePool } from "./lane-pool.ts";
import { OperatingPoints } from "./operating-points.ts";

/** Half-life of the utilisation averages unless the SoC's schedutil sets its own (mainline PELT's 32 ms). */
export const UTILIZATION_HALF_LIFE_NS = 32_000_000;
export const DECAY_PER_NS = Math.LN2 / UTILIZATION_HALF_LIFE_NS;

/**
 * 1 − e^(−x): how far an average with that decay moves toward a value held
 * for the time x stands for. A launch's x is about 1e-3, where the series to
 * x³ is within 1e-7 relative below 0.01 and cheaper than Math.exp on every
 * launch.
 */
function riseOver(x: number): number {
  return x < 1e-2 ? x * (1 - x * (0.5 - x / 6)) : 1 - Math.exp(-x);
}

/**
 * One processor (one DVFS domain) in a run: its operating point, its load,
 * its power and its cumulative meters. Meters integrate piecewise-constant
 * quantities: busy cores, frequency and power as last refreshed. So
 * `advance(now)` must run before a refresh or a change of frequency; a
 * change of runnable threads alone waits for the refresh, and a change
 * undone within the same instant (a kernel followed at once by the next)
 * needs neither.
 */
export class Processor {
  readonly points: OperatingPoints;
  readonly kind: ProcessorKind;
  readonly cores: number;
  /** CPU clusters: core slots for the trace. */
  readonly lanes: LanePool | undefined;
  /** Accelerators: the FIFO of kernels. */
  readonly queue: AcceleratorQueue<FluidJob<unknown>> | undefined;

  /** The point the governor asks for, the highest the thermal trips allow, and the one in use. */
  requestedPoint = 0;
  capPoint: number;
  /** Change it through `applyPoint`, which keeps `frequency` in step. */
  point = 0;
  /** Hz at the point in use. */
  frequency: number;

  /** Jobs running on the processor (accelerators: 0 or 1). */
  runningJobs = 0;
  /** Threads of running jobs (accelerators: 1 while a kernel runs). */
  runnableThreads = 0;
  /** Runnable threads of Android's top-app group (the foreground app's, the UI's). */
  topAppThreads = 0;
  /**
   * A thread of CFS weight w gets min(1, shareScale × w) of a core: weighted
   * fair sharing in which a thread never gets more than a whole core.
   */
  shareScale = Number.POSITIVE_INFINITY;
  /** The share of a core a nice-0 thread waking now would get (an accelerator's host thread). */
  hostShare = 1;
  busyCores = 0;
  /** Runnable threads by CFS weight: the distinct weights and how many threads have each. */
  private readonly classWeights: number[] = [];
  private readonly classThreads: number[] = [];
  /**
   * Runnable threads when the governor last heard of the load: the device
   * tells it once a change is done, and only if the count moved (a kernel
   * followed at once by the next is no change of load).
   */
  threadsNoticed = 0;
  /** Set when point, leakage or power collapse changed: shares and power need refreshing. */
  stale = true;
  /** Set when runnable threads were added or removed since the last refresh. */
  loadTouched = false;
  /** Runnable threads, and threads per weight class, at the last refresh. */
  private threadsAtRefresh = 0;
  private readonly classThreadsAtRefresh: number[] = [];
  /** Counts the refreshes of shares and power: a job priced at the same count would price the same. */
  refreshes = 0;

  /** Leakage multiplier of the node temperature at the start of the current tick. */
  leakageFactor = 1;
  busyCorePowerW = 0;
  powerW = 0;
  /** The part of `powerW` no job is charged: its idle cores'. */
  idlePowerW = 0;
  /** Whether its activity keeps the uncore (interconnect, memory controller) awake: all but the little cores. */
  readonly wakesUncore: boolean;
  /** Power-collapsed after the idle timeout (GPU): no idle power. An idle phone starts that way. */
  collapsed: boolean;

  lastNs: number;
  energyJ = 0;
  /** Of `energyJ`, what idle cores drew (the rest is charged to the jobs that ran). */
  idleEnergyJ = 0;
  busyCoreNs = 0;
  /** ∫ frequency dt, in Hz·ns. */
  frequencyNs = 0;
  throttledNs = 0;
  /** Averages of busy cores ÷ cores, and of (busy ? f / f_max : 0) for the governor. */
  utilization = 0;
  invariantUtilization = 0;
  /** Decay rate (per ns) of the governor's average: the SoC's schedutil `util_half_life`, if set. */
  private readonly invariantDecayPerNs: number;

  constructor(
    readonly index: number,
    readonly id: string,
    readonly spec: ProcessorSpec,
    /** Position of the processor's node in the thermal network. */
    readonly node: number,
    private readonly leakageReferenceVoltage: number,
    startNs: number,
  ) {
    this.kind = spec.kind;
    this.cores = spec.cores;
    this.wakesUncore = id !== "cpu-little";
    this.points = new OperatingPoints(spec.operating_points);
    this.capPoint = this.points.top;
    this.frequency = this.points.frequencies[0]!;
    this.collapsed = spec.power.idle_timeout !== undefined;
    this.lanes = spec.kind === "cpu" ? new LanePool() : undefined;
    this.queue = spec.kind === "cpu" ? undefined : new AcceleratorQueue();
    this.lastNs = startNs;
    const halfLife =
      spec.governor.kind === "schedutil" && spec.governor.util_half_life !== undefined
        ? spec.governor.util_half_life * 1e9
        : UTILIZATION_HALF_LIFE_NS;
    this.invariantDecayPerNs = Math.LN2 / halfLife;
    this.refreshPower();
  }

  get busy(): boolean {
    return this.runnableThreads > 0;
  }

  /** Applies the governor's request under the thermal cap; true when the point in use changed. */
  applyPoint(): boolean {
    const point = Math.min(this.requestedPoint, this.capPoint);
    if (point === this.point) return false;
    this.point = point;
    this.frequency = this.points.frequencies[point]!;
    this.stale = true;
    return true;
  }

  /**
   * Integrates energy, busy time, frequency and throttling up to `now` at
   * the current state. The device calls it before it changes anything the
   * meters depend on, and before anything reads them; a processor nothing
   * changed is left behind, so a state change elsewhere costs it nothing.
   */
  advance(now: number): void {
    const elapsed = now - this.lastNs;
    if (elapsed <= 0) return;
    this.energyJ += this.powerW * elapsed * 1e-9;
    this.idleEnergyJ += this.idlePowerW * elapsed * 1e-9;
    this.busyCoreNs += this.busyCores * elapsed;
    this.frequencyNs += this.frequency * elapsed;
    if (this.capPoint < this.points.top) this.throttledNs += elapsed;
    const decay = Math.exp(-elapsed * DECAY_PER_NS);
    const busyShare = this.busyCores / this.cores;
    this.utilization = busyShare + (this.utilization - busyShare) * decay;
    const invariant = this.busyCores > 0 ? this.frequency / this.points.maxFrequency : 0;
    const invariantDecay =
      this.invariantDecayPerNs === DECAY_PER_NS
        ? decay
        : Math.exp(-elapsed * this.invariantDecayPerNs);
    this.invariantUtilization =
      invariant + (this.invariantUtilization - invariant) * invariantDecay;
    this.lastNs = now;
  }

  /**
   * A host thread ran `seconds` of CPU work just now on one of the idle
   * cores (an accelerator kernel's enqueue and launch): booked as busy core
   * time, busy power instead of idle power, and in the utilisation averages
   * (of the busiest core too when no thread runs), as if the core had been
   * busy for the last `seconds`. Call after `advance(now)`. Returns the
   * joules the thread drew, or 0 when every core runs a thread: the thread
   * then takes its time from theirs, already metered.
   */
  hostWorked(seconds: number): number {
    if (this.busyCores >= this.cores) return 0;
    const busyNs = seconds * 1e9;
    this.busyCoreNs += busyNs;
    this.utilization += riseOver(busyNs * DECAY_PER_NS) / this.cores;
    if (this.busyCores === 0)
      this.invariantUtilization +=
        (this.frequency / this.points.maxFrequency) * riseOver(busyNs * this.invariantDecayPerNs);
    const idleJ = this.collapsed ? 0 : seconds * this.spec.power.idle;
    const busyJ = seconds * this.busyCorePowerW;
    this.energyJ += busyJ - idleJ;
    this.idleEnergyJ -= idleJ;
    return busyJ;
  }

  /** Utilisation average as it would read at `now`, without advancing. */
  utilizationAt(now: number): number {
    const busyShare = this.busyCores / this.cores;
    const decay = Math.exp(-(now - this.lastNs) * DECAY_PER_NS);
    return busyShare + (this.utilization - busyShare) * decay;
  }

  /** The governor's utilisation average as it would read at `now`, without advancing. */
  invariantUtilizationAt(now: number): number {
    const invariant = this.busyCores > 0 ? this.frequency / this.points.maxFrequency : 0;
    const decay = Math.exp(-(now - this.lastNs) * this.invariantDecayPerNs);
    return invariant + (this.invariantUtilization - invariant) * decay;
  }

  /** Busy core-ns ÷ cores up to `now`, without advancing. */
  busyNsAt(now: number): number {
    return (this.busyCoreNs + this.busyCores * (now - this.lastNs)) / this.cores;
  }

  /** `count` more runnable threads of CFS weight `weight` (fewer when negative). */
  addThreads(count: number, weight: number): void {
    this.runnableThreads += count;
    const weights = this.classWeights;
    let index = 0;
    while (index < weights.length && weights[index] !== weight) index++;
    if (index === weights.length) {
      weights.push(weight);
      this.classThreads.push(0);
    }
    this.classThreads[index]! += count;
    this.loadTouched = true;
  }

  /** Whether the runnable threads differ from those at the last refresh. */
  loadMoved(): boolean {
    if (this.runnableThreads !== this.threadsAtRefresh) return true;
    const counts = this.classThreads;
    const before = this.classThreadsAtRefresh;
    for (let index = 0; index < counts.length; index++)
      if (counts[index] !== (before[index] ?? 0)) return true;
    return false;
  }

  /** The share of a core a runnable thread of CFS weight `weight` gets now. */
  shareOf(weight: number): number {
    const share = this.shareScale * weight;
    return share < 1 ? share : 1;
  }

  /**
   * Shares and busy cores from the runnable threads. Oversubscribed, cores
   * are divided in proportion to weight (water-filling): the heaviest
   * threads are capped at a whole core and the rest split what is left.
   */
  refreshLoad(): void {
    const threads = this.runnableThreads;
    this.threadsAtRefresh = threads;
    for (let index = 0; index < this.classThreads.length; index++)
      this.classThreadsAtRefresh[index] = this.classThreads[index]!;
    this.busyCores = Math.min(threads, this.cores);
    this.shareScale = threads <= this.cores ? Number.POSITIVE_INFINITY : this.waterLevel(0);
    // A host thread waking up is one more runnable thread: it gets a whole core only if one is free.
    const hostScale =
      threads < this.cores ? Number.POSITIVE_INFINITY : this.waterLevel(NICE_0_WEIGHT);
    this.hostShare = Math.min(1, hostScale * NICE_0_WEIGHT);
  }

  /** λ of the water-filling over the runnable threads, and one more of weight `extra` if not 0. */
  private waterLevel(extra: number): number {
    const weights = this.classWeights;
    const counts = this.classThreads;
    let free = this.cores;
    let rest = extra;
    for (let index = 0; index < weights.length; index++) rest += counts[index]! * weights[index]!;
    let scale = free / rest;
    // Cap classes from the heaviest down while their proportional share would exceed a core.
    let capped = Number.POSITIVE_INFINITY;
    for (;;) {
      let heaviest = -1;
      for (let index = 0; index < weights.length; index++) {
        const weight = weights[index]!;
        if (counts[index]! > 0 && weight < capped && (heaviest < 0 || weight > weights[heaviest]!))
          heaviest = index;
      }
      if (heaviest < 0 || scale * weights[heaviest]! < 1) break;
      capped = weights[heaviest]!;
      free -= counts[heaviest]!;
      rest -= counts[heaviest]! * capped;
      scale = free / rest;
    }
    return scale;
  }

  /**
   * Power now: each busy core C·V²·f (activity = busy cores ÷ cores) plus
   * leakage ∝ (V / V_ref)³ × the temperature factor; each idle core its idle
   * power, unless the processor is power-collapsed.
   */
  refreshPower(): void {
    const power = this.spec.power;
    this.busyCorePowerW = this.busyCorePowerAt(this.point, this.leakageFactor);
    const idleCores = this.cores - this.busyCores;
    this.idlePowerW = this.collapsed ? 0 : idleCores * power.idle;
    this.powerW = this.busyCores * this.busyCorePowerW + this.idlePowerW;
  }

  /** One busy core's power at operating point `point` with leakage at `leakageFactor`. */
  busyCorePowerAt(point: number, leakageFactor: number): number {
    const power = this.spec.power;
    const voltage = this.points.voltages[point]!;
    const relative = voltage / this.leakageReferenceVoltage;
    return (
      power.dynamic_capacitance * voltage * voltage * this.points.frequencies[point]! +
      power.leakage * relative * relative * relative * leakageFactor
    );
  }
}
