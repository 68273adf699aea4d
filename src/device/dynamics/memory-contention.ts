import type { FluidJob } from "./fluid-job.ts";

/**
 * The shared memory system. Cache: a job whose working set w fits a share
 * min(1, S / w) of its cache S alone keeps the share min(1, S / W) once the
 * running jobs' working sets add up to W (an LRU cache divides itself in
 * proportion to what each runner touches), so its hit rate is its nominal
 * one scaled by that ratio, and at most the scenario's pinned hit rate. DRAM:
 * the bus sustains `capacity` B/s; when the running jobs together ask for
 * more, it is divided max-min fairly (water-filling): a job asking less than
 * an equal share gets what it asks, the rest split what is left.
 */
export class MemoryContention {
  private order = new Int32Array(16);

  constructor(
    /** B/s the bus sustains for all processors together. */
    readonly capacity: number,
    readonly pinnedHitRate: number | undefined,
  ) {}

  /** The job's hit rate when the running jobs' working sets total `totalWorkingSet` bytes. */
  hitRate(job: FluidJob<unknown>, totalWorkingSet: number): number {
    const cost = job.cost;
    if (!cost.sharesCache) return cost.nominalHit;
    const alone = cacheShare(cost.cacheBytes, cost.workingSetBytes);
    const shared =
      alone > 0 ? (cost.nominalHit * cacheShare(cost.cacheBytes, totalWorkingSet)) / alone : 0;
    // A pinned rate models co-runners filling the cache (σ3): it can take hits away, never add them.
    return this.pinnedHitRate === undefined ? shared : Math.min(shared, this.pinnedHitRate);
  }

  /** Sets each job's `dramAllocation` from its `dramDemand`; returns the demands' total. */
  allocate(jobs: readonly FluidJob<unknown>[]): number {
    const count = jobs.length;
    let total = 0;
    for (let index = 0; index < count; index++) total += jobs[index]!.dramDemand;
    if (total <= this.capacity) {
      for (let index = 0; index < count; index++) {
        const job = jobs[index]!;
        job.dramAllocation = job.dramDemand;
      }
      return total;
    }
    if (this.order.length < count) this.order = new Int32Array(count * 2);
    const order = this.order;
    // Insertion sort by demand: a handful of jobs, and no allocation.
    for (let index = 0; index < count; index++) {
      const demand = jobs[index]!.dramDemand;
      let position = index;
      while (position > 0 && jobs[order[position - 1]!]!.dramDemand > demand) {
        order[position] = order[position - 1]!;
        position--;
      }
      order[position] = index;
    }
    let left = this.capacity;
    for (let rank = 0; rank < count; rank++) {
      const job = jobs[order[rank]!]!;
      const equalShare = left / (count - rank);
      const granted = Math.min(job.dramDemand, equalShare);
      job.dramAllocation = granted;
      left -= granted;
    }
    return total;
  }
}

function cacheShare(cacheBytes: number, workingSet: number): number {
  return workingSet > cacheBytes ? cacheBytes / workingSet : 1;
}
