import type { OpFeatures } from "./op-features.ts";
import { KIND_INDEX, type Target } from "./target.ts";

const FULLY_CONNECTED = KIND_INDEX.get("fully_connected")!;

/**
 * The op cost model: latency = max(compute, memory) + dispatch.
 *
 * compute: the work is split over the target's parallel units (CPU threads,
 * GPU work-group slots) in whole tiles, so an op with few tiles leaves units
 * idle; a serial share runs on the first (fastest) domain; each unit runs at
 * peak MACs/cycle × efficiency for the kind, and the slowest domain bounds
 * the parallel part when threads take equal shares; with dynamic balancing
 * each domain takes work in proportion to its speed.
 * memory: bytes / bandwidth, the cached share at cache bandwidth and the rest
 * at the target's DRAM bandwidth times its share of the bus. An op that
 * cannot use all of that bandwidth (a kind the back-end runs on one thread,
 * a fully-connected layer streaming its weights on an accelerator) moves its
 * bytes more slowly, never more of them: `bytes` is the traffic it causes.
 */

/** Per-(op, target) cycle and byte counts: everything but the operating state. */
export interface OpCycles {
  readonly serialCycles: number;
  /** Parallel cycles per thread in each of the target's domains. */
  readonly parallelCycles: Float64Array;
  /**
   * A target whose threads balance the work dynamically (they take tiles as
   * they free up): the share of the parallel work each domain's threads do
   * at the nominal points, summing to 1. The domains then finish together
   * at any clocks (`parallelSeconds`). Undefined: equal shares, and the
   * slowest domain bounds the parallel part.
   */
  readonly balancedWork: Float64Array | undefined;
  /**
   * Balanced targets: per domain, the cycles its busiest core runs when the
   * tiles are dealt out evenly. Whole tiles bound the balance: the parallel
   * part takes at least that share on the domain that runs it fastest.
   */
  readonly tileFloorCycles: Float64Array | undefined;
  /** Bytes the op reads and writes: what the cache and DRAM really move. */
  readonly bytes: number;
  /** Share of bytes served from cache when nothing else runs. */
  readonly nominalHit: number;
  /** Seconds per cached byte relative to the target's cache bandwidth (1 when the op can draw all of it). */
  readonly cacheSlowdown: number;
  /** Seconds per DRAM byte relative to the target's DRAM bandwidth (1 when the op can draw all of it). */
  readonly dramSlowdown: number;
  readonly dispatchSeconds: number;
}

/** An op executed inside its producer's kernel, or a view, costs nothing of its own. */
export const FUSED_OP: OpCycles = {
  serialCycles: 0,
  parallelCycles: new Float64Array(0),
  balancedWork: undefined,
  tileFloorCycles: undefined,
  bytes: 0,
  nominalHit: 1,
  cacheSlowdown: 1,
  dramSlowdown: 1,
  dispatchSeconds: 0,
};

export function opCycles(
  target: Target,
  features: OpFeatures,
  kindIndex: number,
  dtypeIndex: number,
): OpCycles {
  // An op that neither computes nor moves data (a view) launches no kernel.
  if (features.work === 0 && features.bytes === 0) return FUSED_OP;
  const domains = target.domains.length;
  const parallelCycles = new Float64Array(domains);
  // A kind the back-end runs on one thread: all of its work is serial, and
  // its bytes move at the bandwidth one thread draws.
  const serialKind = target.serialKinds[kindIndex] === true;
  const share = serialKind ? 1 : target.serialFraction;
  const work = features.winogradEligible ? features.work / target.winogradSpeedup : features.work;
  const parallelWork = (1 - share) * work * target.parallelSlowdown;
  const turns = target.unitsPerCore[0]!;
  let serialCycles = 0;
  // Dynamic balancing gives each domain work in proportion to its speed, so
  // every domain finishes together: the cycles below are its shares at the
  // nominal (highest) operating points, `balancedWork` rebalances them at others.
  let capacity = 0;
  for (let domain = 0; domain < domains; domain++) {
    const perCycle =
      target.macsPerCycle[domain]![dtypeIndex]! * target.efficiency[domain]![kindIndex]!;
    if (!(perCycle > 0))
      throw new Error(`target ${target.id} has no ${dtypeIndex}-dtype peak in domain ${domain}`);
    if (domain === 0) serialCycles = (share * work) / perCycle;
    parallelCycles[domain] =
      (parallelWork * busiestCoreShare(target, features.tiles, domain)) / perCycle;
    capacity += target.threadsPerDomain[domain]! * perCycle * target.nominalFrequencies[domain]!;
  }
  let balancedWork: Float64Array | undefined;
  let tileFloorCycles: Float64Array | undefined;
  if (target.balanced && domains > 1) {
    tileFloorCycles = Float64Array.from(parallelCycles);
    balancedWork = new Float64Array(domains);
    for (let domain = 0; domain < domains; domain++) {
      const perCycle =
        target.macsPerCycle[domain]![dtypeIndex]! * target.efficiency[domain]![kindIndex]!;
      const speed = perCycle * target.nominalFrequencies[domain]!;
      parallelCycles[domain] = (parallelWork * target.nominalFrequencies[domain]!) / capacity;
      balancedWork[domain] = (target.threadsPerDomain[domain]! * speed) / capacity;
    }
  }
  const bytes = features.bytes;
  const activationBytes = bytes * features.activationShare;
  const weightBytes = bytes - activationBytes;
  const cachedFit = bytes > 0 ? Math.min(1, target.cacheBytes / bytes) : 1;
  const nominalHit = bytes > 0 ? (cachedFit * activationBytes) / bytes : 0;
  // A fully-connected layer on an accelerator streams each weight once for one
  // multiply: its weights move at the target's weight-streaming share of DRAM.
  const uncachedActivations = activationBytes * (1 - cachedFit);
  const dramBytes = uncachedActivations + weightBytes;
  const streaming =
    kindIndex === FULLY_CONNECTED && dramBytes > 0
      ? (uncachedActivations + weightBytes / target.weightStreaming) / dramBytes
      : 1;
  // A serial op draws one thread's bandwidth, not the whole target's.
  return {
    serialCycles,
    parallelCycles,
    balancedWork,
    tileFloorCycles,
    bytes,
    nominalHit,
    cacheSlowdown: serialKind ? target.cacheBandwidth / target.threadCacheBandwidth : 1,
    dramSlowdown: (serialKind ? target.dramBandwidth / target.threadDramBandwidth : 1) * streaming,
    dispatchSeconds:
      target.dispatchSeconds +
      handovers(
        turns,
        Math.max(parallelCycles[0]!, tileFloorCycles?.[0] ?? 0) /
          turns /
          target.nominalFrequencies[0]!,
        target,
      ) *
        target.handoverSeconds,
  };
}

/**
 * Share of an op's tiles the busiest core of a domain runs: the tiles are
 * split evenly over the units (the first `tiles mod units` take one more,
 * OpenMP's static schedule) and unit i runs on the core at place i mod
 * cores, so the domain's first core runs its `unitsPerCore` units' tiles and
 * the leftover tiles of those units that come before the leftovers run out.
 * Without whole tiles, its units' share.
 */
function busiestCoreShare(target: Target, tiles: number, domain: number): number {
  const units = target.parallelUnits;
  const turns = target.unitsPerCore[domain]!;
  if (!Number.isFinite(tiles)) return turns / units;
  const cores = target.kind === "cpu" ? target.threads : units;
  const each = Math.floor(tiles / units);
  const extra = tiles - each * units;
  const leftovers = Math.ceil((extra - target.firstCorePlaces[domain]!) / cores);
  return (turns * each + Math.min(turns, Math.max(0, leftovers))) / tiles;
}

/**
 * Hand-overs on the busiest core of a pool whose threads share cores: each
 * of its `turns` threads runs its `chunkSeconds` in turns of at most a CFS
 * slice, and the core passes from one turn to the next; none without sharing.
 */
function handovers(turns: number, chunkSeconds: number, target: Target): number {
  if (turns < 2) return 0;
  const slices =
    chunkSeconds > target.sliceSeconds ? Math.ceil(chunkSeconds / target.sliceSeconds) : 1;
  return turns * slices - 1;
}

/** Compute seconds at the given frequency (Hz) of each of the target's domains. */
export function computeSeconds(cycles: OpCycles, frequencies: ArrayLike<number>): number {
  const balanced = cycles.balancedWork;
  const floors = cycles.tileFloorCycles;
  let parallel = 0;
  let rate = 0;
  let floor = Number.POSITIVE_INFINITY;
  for (let domain = 0; domain < cycles.parallelCycles.length; domain++) {
    const seconds = cycles.parallelCycles[domain]! / frequencies[domain]!;
    if (balanced === undefined) {
      if (seconds > parallel) parallel = seconds;
      continue;
    }
    rate += balancedRate(balanced[domain]!, seconds);
    const tiles = floors![domain]! / frequencies[domain]!;
    if (tiles < floor) floor = tiles;
  }
  if (balanced !== undefined) parallel = balancedSeconds(rate, floor);
  return cycles.serialCycles / frequencies[0]! + parallel;
}

/**
 * Balanced work: a domain whose threads would take `seconds` for their
 * nominal share `work` does work at `work / seconds` of the whole per
 * second. The domains' rates add up, since threads take tiles as they free
 * up; `balancedSeconds` turns the sum back into the parallel part's time.
 */
export function balancedRate(work: number, seconds: number): number {
  return seconds > 0 ? work / seconds : work > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** The parallel part of balanced work at a summed rate, no shorter than its whole tiles take on the fastest domain. */
export function balancedSeconds(rate: number, tileFloorSeconds: number): number {
  const seconds = rate > 0 ? 1 / rate : 0;
  return seconds > tileFloorSeconds ? seconds : tileFloorSeconds;
}

/** Memory seconds at a cache hit rate and a share (0, 1] of the target's DRAM bandwidth. */
export function memorySeconds(
  cycles: OpCycles,
  target: Target,
  hitRate: number,
  bandwidthShare: number,
): number {
  return (
    cycles.bytes *
    ((hitRate * cycles.cacheSlowdown) / target.cacheBandwidth +
      ((1 - hitRate) * cycles.dramSlowdown) / (target.dramBandwidth * bandwidthShare))
  );
}

export function opSeconds(
  cycles: OpCycles,
  target: Target,
  frequencies: ArrayLike<number>,
  hitRate: number,
  bandwidthShare: number,
): number {
  const compute = computeSeconds(cycles, frequencies);
  const memory = memorySeconds(cycles, target, hitRate, bandwidthShare);
  return (compute > memory ? compute : memory) + cycles.dispatchSeconds;
}
