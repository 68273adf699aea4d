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
 * at the target's DRAM bandwidth times its share of the bus.
 */

/** Per-(op, target) cycle and byte counts: everything but the operating state. */
export interface OpCycles {
  readonly serialCycles: number;
  /** Parallel cycles per thread in each of the target's domains. */
  readonly parallelCycles: Float64Array;
  readonly bytes: number;
  /** Share of bytes served from cache when nothing else runs. */
  readonly nominalHit: number;
  readonly dispatchSeconds: number;
}

/** An op executed inside its producer's kernel, or a view, costs nothing of its own. */
export const FUSED_OP: OpCycles = {
  serialCycles: 0,
  parallelCycles: new Float64Array(0),
  bytes: 0,
  nominalHit: 1,
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
  const units = target.parallelUnits;
  const work = features.winogradEligible ? features.work / target.winogradSpeedup : features.work;
  const parallelWork = (1 - share) * work * target.parallelSlowdown;
  const tileShare = Number.isFinite(features.tiles)
    ? Math.ceil(features.tiles / units) / features.tiles
    : 1 / units;
  let serialCycles = 0;
  // Dynamic balancing gives each domain work in proportion to its speed at the
  // nominal (highest) operating points, so every domain finishes together there.
  let capacity = 0;
  for (let domain = 0; domain < domains; domain++) {
    const perCycle =
      target.macsPerCycle[domain]![dtypeIndex]! * target.efficiency[domain]![kindIndex]!;
    if (!(perCycle > 0))
      throw new Error(`target ${target.id} has no ${dtypeIndex}-dtype peak in domain ${domain}`);
    if (domain === 0) serialCycles = (share * work) / perCycle;
    parallelCycles[domain] = (parallelWork * tileShare) / perCycle;
    capacity += target.threadsPerDomain[domain]! * perCycle * target.nominalFrequencies[domain]!;
  }
  if (target.balanced && domains > 1) {
    // Whole tiles still bound it: the first domain's cores run at least their ceil(tiles / units) share.
    const firstThread = parallelCycles[0]!;
    for (let domain = 0; domain < domains; domain++) {
      parallelCycles[domain] = (parallelWork * target.nominalFrequencies[domain]!) / capacity;
    }
    parallelCycles[0] = Math.max(parallelCycles[0]!, firstThread);
  }
  // A fully-connected layer on an accelerator streams each weight once for one
  // multiply: its weights move at the target's weight-streaming share of DRAM.
  const activationBytes = features.bytes * features.activationShare;
  const weightBytes = features.bytes - activationBytes;
  const streamed =
    kindIndex === FULLY_CONNECTED
      ? activationBytes + weightBytes / target.weightStreaming
      : features.bytes;
  const cachedFit = streamed > 0 ? Math.min(1, target.cacheBytes / streamed) : 1;
  const nominalHit = streamed > 0 ? (cachedFit * activationBytes) / streamed : 0;
  // A serial op draws one thread's bandwidth: its bytes count as many more as
  // the target's bandwidth exceeds one thread's at the nominal hit rate.
  const bytes = serialKind
    ? (streamed *
        (nominalHit / target.threadCacheBandwidth +
          (1 - nominalHit) / target.threadDramBandwidth)) /
      (nominalHit / target.cacheBandwidth + (1 - nominalHit) / target.dramBandwidth)
    : streamed;
  return {
    serialCycles,
    parallelCycles,
    bytes,
    nominalHit,
    dispatchSeconds: target.dispatchSeconds,
  };
}

/** Compute seconds at the given frequency (Hz) of each of the target's domains. */
export function computeSeconds(cycles: OpCycles, frequencies: ArrayLike<number>): number {
  let parallel = 0;
  for (let domain = 0; domain < cycles.parallelCycles.length; domain++) {
    const seconds = cycles.parallelCycles[domain]! / frequencies[domain]!;
    if (seconds > parallel) parallel = seconds;
  }
  return cycles.serialCycles / frequencies[0]! + parallel;
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
    (hitRate / target.cacheBandwidth + (1 - hitRate) / (target.dramBandwidth * bandwidthShare))
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
