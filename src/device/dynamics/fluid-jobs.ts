import { objectList } from "../../core/object-list.ts";
import type { Simulator } from "../../core/simulator.ts";
import { balancedRate, balancedSeconds } from "../cost/op-cost.ts";
import { barrierWaitSeconds } from "./barrier-wait.ts";
import { NICE_0_WEIGHT } from "./cfs-weights.ts";
import type { FluidJob } from "./fluid-job.ts";
import type { MemoryContention } from "./memory-contention.ts";
import type { Processor } from "./processor.ts";

const LAST_NS = Number.MAX_SAFE_INTEGER;

/** What the running jobs' DRAM traffic adds up to, for the SoC-level meter. */
export interface DramMeter {
  dramBytes: number;
}

/**
 * The running jobs and the hot loop that keeps their finish events right.
 * `advance(now)` books each job's progress, energy and DRAM bytes at the
 * old rates; after the device changes something, `retime(now)` works out
 * each job's new rate (frequencies, core shares, cache hit rates, DRAM
 * allocation) and moves its finish event only if the rate changed. Neither
 * allocates.
 */
export class FluidJobSet {
  readonly running: FluidJob<unknown>[] = objectList();
  private totalWorkingSet = 0;
  /** Counts changes of the running jobs' total working set. */
  private workingSetChanges = 0;
  /** Finish events moved so far (for the bench and the statistics). */
  retimings = 0;

  constructor(
    private readonly simulator: Simulator,
    private readonly processors: readonly Processor[],
    private readonly contention: MemoryContention,
    private readonly meter: DramMeter,
    private readonly energyPerByte: number,
    /** The kernel's slice scaling for the SoC's CPU count (barrier-wait.ts). */
    private readonly sliceScaling: number,
  ) {}

  add(job: FluidJob<unknown>, now: number): void {
    job.state = "running";
    job.startNs = now;
    job.lastNs = now;
    this.running.push(job);
    this.addWorkingSet(job.cost.workingSetBytes);
  }

  remove(job: FluidJob<unknown>): void {
    const running = this.running;
    const position = running.indexOf(job);
    running[position] = running[running.length - 1]!;
    running.pop();
    this.addWorkingSet(-job.cost.workingSetBytes);
    if (running.length === 0) this.totalWorkingSet = 0;
  }

  private addWorkingSet(bytes: number): void {
    if (bytes === 0) return;
    this.totalWorkingSet += bytes;
    this.workingSetChanges++;
  }

  /** Books progress, energy and DRAM traffic of every running job up to `now`, at the current rates. */
  advance(now: number): void {
    const running = this.running;
    for (let index = 0; index < running.length; index++) {
      const job = running[index]!;
      const elapsed = now - job.lastNs;
      // A job of zero duration completes within its instant: no time passes, all its work is done.
      if (elapsed <= 0 && job.rate !== Number.POSITIVE_INFINITY) continue;
      const seconds = elapsed * 1e-9;
      const progress = job.rate === Number.POSITIVE_INFINITY ? job.remaining : job.rate * seconds;
      job.remaining -= progress;
      const dramBytes = job.cost.bytes * (1 - job.hitRate) * progress;
      job.energyJ += job.powerW * seconds + dramBytes * this.energyPerByte;
      this.meter.dramBytes += dramBytes;
      job.lastNs = now;
    }
  }

  /**
   * New rates under the current conditions; finish events move where a rate
   * changed. An op's DRAM bytes move at the bandwidth the other running jobs
   * leave it (at least an equal share of the bus), not the bus alone: a
   * co-runner's traffic lengthens the op's memory phases before the bus is
   * saturated. Whatever the memory time grew by over the op's memory time
   * alone (lost cache hits, a busier bus) stalls its compute in full: the
   * overlap of compute and memory the cost model assumes is the one the op
   * has alone, as it was measured.
   */
  retime(now: number): void {
    const running = this.running;
    const count = running.length;
    for (let index = 0; index < count; index++) this.price(running[index]!);
    const totalDemand = this.contention.allocate(running);
    const capacity = this.contention.capacity;
    const fairShare = capacity / count;
    for (let index = 0; index < count; index++) {
      const job = running[index]!;
      const cost = job.cost;
      const dramBytes = cost.bytes * (1 - job.hitRate);
      const dramSeconds = dramBytes > 0 ? dramBytes / job.dramAllocation : 0;
      let busy = job.baseSeconds;
      if (cost.sharesCache) {
        const others = totalDemand - job.dramDemand;
        const left = capacity - others > fairShare ? capacity - others : fairShare;
        const inverse = 1 / left > cost.inverseDramBandwidth ? 1 / left : cost.inverseDramBandwidth;
        const memory = job.cacheSeconds + (dramBytes * inverse) / job.slowestShare;
        const stall = memory - job.aloneMemorySeconds;
        const stalled = stall > 0 ? job.computeSeconds + stall : job.computeSeconds;
        busy = stalled > memory ? stalled : memory;
      }
      const seconds = job.fixedSeconds + (busy > dramSeconds ? busy : dramSeconds);
      if (seconds === job.seconds && job.eventId >= 0) continue;
      job.seconds = seconds;
      job.rate = seconds > 0 ? 1 / seconds : Number.POSITIVE_INFINITY;
      const left = job.remaining > 0 ? Math.ceil(job.remaining * seconds * 1e9) : 0;
      // A job slower than the clock can count (about 104 days) is a job that never finishes.
      const finish = left < LAST_NS - now ? now + left : LAST_NS;
      if (job.eventId < 0) job.eventId = this.simulator.at(finish, job.complete);
      else {
        this.simulator.retime(job.eventId, finish);
        this.retimings++;
      }
    }
  }

  /**
   * Hit rate, compute and memory seconds, DRAM demand and power of one job.
   * They depend on its processors' (and host clusters') shares, frequencies
   * and power, and, for a job that shares the cache, on the running jobs'
   * working sets: the sum of those inputs' change counters (which only grow)
   * names the conditions, and a job already priced under them keeps its figures.
   */
  private price(job: FluidJob<unknown>): void {
    const cost = job.cost;
    const domains = cost.domains;
    const hosts = cost.hostDomains;
    let conditions = cost.sharesCache ? this.workingSetChanges : 0;
    for (let domain = 0; domain < domains.length; domain++)
      conditions += this.processors[domains[domain]!]!.refreshes;
    for (let host = 0; host < hosts.length; host++)
      conditions += this.processors[hosts[host]!]!.refreshes;
    if (conditions === job.pricedUnder) return;
    job.pricedUnder = conditions;
    const hit = this.contention.hitRate(job, this.totalWorkingSet);
    job.hitRate = hit;
    const balanced = cost.balancedWork;
    let parallel = 0;
    let balancedRateSum = 0;
    let tileFloor = Number.POSITIVE_INFINITY;
    let slowestShare = 1;
    let power = 0;
    for (let domain = 0; domain < domains.length; domain++) {
      const processor = this.processors[domains[domain]!]!;
      const share = processor.shareOf(cost.weight);
      const chunk = cost.parallelCycles[domain]! / processor.frequency;
      let seconds = chunk / share;
      if (cost.barrier && share < 1 && chunk > 0)
        seconds += barrierWaitSeconds(share, cost.threads[domain]!, chunk, this.sliceScaling);
      if (balanced !== undefined) {
        balancedRateSum += balancedRate(balanced[domain]!, seconds);
        const tiles = cost.tileFloorCycles![domain]! / (processor.frequency * share);
        if (tiles < tileFloor) tileFloor = tiles;
      } else if (seconds > parallel) parallel = seconds;
      if (share < slowestShare) slowestShare = share;
      power += cost.threads[domain]! * share * processor.busyCorePowerW;
    }
    if (balanced !== undefined) parallel = balancedSeconds(balancedRateSum, tileFloor);
    // The host thread's share of a core sets how long the fixed seconds take: a waking thread's
    // for a launch, its CFS share as one of the cluster's runnable threads for a transfer.
    let fixed = cost.fixedSeconds;
    if (job.hostProcessor >= 0) {
      const host = this.processors[job.hostProcessor]!;
      if (cost.host === "fixed") fixed /= host.hostShare;
      else {
        const share = host.shareOf(NICE_0_WEIGHT);
        fixed /= share;
        power += share * host.busyCorePowerW;
      }
    }
    job.fixedSeconds = fixed;
    job.powerW = power;
    let compute = parallel + cost.constantSeconds;
    if (cost.serialCycles > 0) {
      const first = this.processors[domains[0]!]!;
      compute += cost.serialCycles / (first.frequency * first.shareOf(cost.weight));
    }
    const cacheSeconds = (cost.bytes * hit * cost.inverseCacheBandwidth) / slowestShare;
    const memory =
      cacheSeconds + (cost.bytes * (1 - hit) * cost.inverseDramBandwidth) / slowestShare;
    const base = Math.max(compute, memory);
    const dramBytes = cost.bytes * (1 - hit);
    job.computeSeconds = compute;
    job.cacheSeconds = cacheSeconds;
    job.slowestShare = slowestShare;
    job.aloneMemorySeconds = cost.aloneMemorySeconds / slowestShare;
    job.baseSeconds = base;
    job.dramDemand = dramBytes <= 0 ? 0 : base > 0 ? dramBytes / base : Number.POSITIVE_INFINITY;
  }
}
