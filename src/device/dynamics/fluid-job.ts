import { type EventId, NO_EVENT } from "../../core/event-queue.ts";
import type { CompletionCallback, JobHandle, JobState } from "./device-api.ts";
import type { SpinningPool } from "./spinning-pool.ts";

/** What a job does to the trace's tracks: compute on its processors, or a transfer. */
export type JobRole = "compute" | "transfer";

/**
 * What of a job is its host thread's CPU work on one of `hostDomains`:
 * nothing; its fixed seconds (an accelerator kernel's enqueue and launch,
 * metered as the host thread's CPU work when the job starts); or all of it
 * (a transfer: a runnable thread for the synchronisation, the copy through
 * the CPU and the conversion).
 */
export type HostWork = "none" | "fixed" | "all";

/**
 * The numbers that fix a job's rate under given conditions, in the form the
 * hot loop reads: the job takes
 *   fixed / host share + max(compute + stall, memory, dramBytes / dramAllocation)
 * seconds in total, where compute = serial / (f₀·s₀) + max_d (parallel_d / (f_d·s_d)
 * + barrier wait_d) + frequency-independent seconds, memory = bytes·(h / cacheBW
 * + (1 − h) / DRAM bandwidth left by the other jobs) / slowest core share, and
 * stall is what memory grew by over the job's memory time alone (see FluidJobSet).
 */
export interface JobCost {
  readonly role: JobRole;
  /** Processor indices the job runs on (empty for transfers). */
  readonly domains: Int32Array;
  /** Threads per domain (accelerators: 1). */
  readonly threads: Int32Array;
  /** CFS weight of each thread on a CPU cluster (1024 is nice 0). */
  readonly weight: number;
  /** Whether its threads meet at a barrier when they finish (an op of a thread pool). */
  readonly barrier: boolean;
  /** Seconds at a whole core, spent first; the host thread's when `host` is not "none". */
  readonly fixedSeconds: number;
  readonly host: HostWork;
  /**
   * CPU clusters the host thread may run on (the framework's): it takes the
   * one where a new thread gets the largest share of a core, and its fixed
   * seconds take as long as its share of a core there makes them. Empty: a
   * plain delay.
   */
  readonly hostDomains: Int32Array;
  readonly serialCycles: number;
  /** Parallel cycles per thread, per domain. */
  readonly parallelCycles: Float64Array;
  /** Dynamically balanced work: each domain's nominal share of it (`OpCycles.balancedWork`); undefined for equal shares. */
  readonly balancedWork: Float64Array | undefined;
  /** Balanced work: each domain's busiest-core cycles under an even deal of the tiles (`OpCycles.tileFloorCycles`). */
  readonly tileFloorCycles: Float64Array | undefined;
  readonly constantSeconds: number;
  readonly bytes: number;
  readonly inverseCacheBandwidth: number;
  readonly inverseDramBandwidth: number;
  /** Hit rate alone on the device; transfers and busy work keep this fixed. */
  readonly nominalHit: number;
  /** Whether co-runners' working sets (and a pinned hit rate) change the job's hit rate. */
  readonly sharesCache: boolean;
  readonly cacheBytes: number;
  readonly workingSetBytes: number;
  /** Memory seconds alone on the device (nominal hit rate, the op's own cache and DRAM bandwidths). */
  readonly aloneMemorySeconds: number;
}

/**
 * A job in flight. Its work is 1 at submission; `remaining` falls at `rate`
 * (work per second) between state changes, and the completion event is
 * re-timed whenever the rate changes, never recomputed from the start.
 * A device that recycles jobs `reset`s a finished one for its next job.
 */
export class FluidJob<Tag> implements JobHandle<Tag> {
  state: JobState = "queued";
  startNs = Number.NaN;
  endNs = Number.NaN;
  energyJ = 0;
  remaining = 1;
  /** Work per second under the current conditions. */
  rate = 0;
  /** Seconds the whole job would take under the current conditions (1 / rate). */
  seconds = Number.NaN;
  /** Time up to which `remaining` and `energyJ` are accounted. */
  lastNs = 0;
  eventId: EventId = NO_EVENT;
  /** Cache hit rate under the current conditions. */
  hitRate: number;
  /** Seconds under the current conditions before the DRAM allocation is applied (dispatch excluded). */
  baseSeconds = 0;
  /** Priced parts: the fixed seconds at the host thread's share, compute seconds, and seconds reading the cache. */
  fixedSeconds = 0;
  computeSeconds = 0;
  cacheSeconds = 0;
  /** Alone memory seconds at the current core share. */
  aloneMemorySeconds = 0;
  /** The smallest core share among its domains' threads. */
  slowestShare = 1;
  /** DRAM bandwidth (B/s) the job would draw unconstrained, then what it is granted. */
  dramDemand = 0;
  dramAllocation = 0;
  /** Power (W) charged to the job while it runs: its cores' share, without DRAM. */
  powerW = 0;
  /** What the job was last priced under (see FluidJobSet); -1 before its first pricing. */
  pricedUnder = -1;
  /**
   * One lane (core slot) per thread, per domain in order, in the first
   * entries; -1 while not running. A recycled job keeps a longer array.
   */
  lanes: number[];
  /** Name of the competing load that submitted the job, if one did. */
  competingLoad: string | undefined;
  /** Transfers: the processor whose trace shows the job. */
  traceProcessor: string | undefined;
  /** Whether its threads are in Android's top-app group (the foreground app's, the UI's): the governor's boost. */
  topApp = false;
  /** Transfers: which of that processor's transfer tracks shows the job while it runs. */
  transferLane = 0;
  /** The CPU cluster the job's host thread works on, or -1. */
  hostProcessor = -1;
  /** Op jobs of a CPU back-end whose pool threads spin after each op: that pool. */
  pool: SpinningPool | undefined = undefined;
  /** A pool's spinning threads: the pool they belong to (not traced, cancelled when the pool's next op starts). */
  spinOf: SpinningPool | undefined = undefined;

  constructor(
    public id: number,
    public cost: JobCost,
    public tag: Tag,
    public onDone: CompletionCallback,
    public submittedNs: number,
  ) {
    this.hitRate = cost.nominalHit;
    this.lanes = new Array<number>(threadCount(cost)).fill(-1);
  }

  /** Set once by the device before the job is first scheduled: the completion event's handler. */
  complete!: (timeNs: number) => void;

  /** Makes a finished job a fresh one, as the constructor would (the completion handler stays). */
  reset(
    id: number,
    cost: JobCost,
    tag: Tag,
    onDone: CompletionCallback,
    submittedNs: number,
  ): void {
    this.id = id;
    this.cost = cost;
    this.tag = tag;
    this.onDone = onDone;
    this.submittedNs = submittedNs;
    this.state = "queued";
    this.startNs = Number.NaN;
    this.endNs = Number.NaN;
    this.energyJ = 0;
    this.remaining = 1;
    this.rate = 0;
    this.seconds = Number.NaN;
    this.lastNs = 0;
    this.eventId = NO_EVENT;
    this.hitRate = cost.nominalHit;
    this.baseSeconds = 0;
    this.fixedSeconds = 0;
    this.computeSeconds = 0;
    this.cacheSeconds = 0;
    this.aloneMemorySeconds = 0;
    this.slowestShare = 1;
    this.dramDemand = 0;
    this.dramAllocation = 0;
    this.powerW = 0;
    this.pricedUnder = -1;
    const threads = threadCount(cost);
    const lanes = this.lanes;
    if (lanes.length >= threads) for (let lane = 0; lane < threads; lane++) lanes[lane] = -1;
    else this.lanes = new Array<number>(threads).fill(-1);
    this.competingLoad = undefined;
    this.traceProcessor = undefined;
    this.topApp = false;
    this.transferLane = 0;
    this.hostProcessor = -1;
    this.pool = undefined;
    this.spinOf = undefined;
  }
}

function threadCount(cost: JobCost): number {
  let threads = 0;
  for (let domain = 0; domain < cost.threads.length; domain++) threads += cost.threads[domain]!;
  return threads;
}
