import type { OpCycles } from "../cost/op-cost.ts";
import type { Target } from "../cost/target.ts";
import { NICE_0_WEIGHT } from "./cfs-weights.ts";
import type { JobCost } from "./fluid-job.ts";
import type { Processor } from "./processor.ts";

const threadsByTarget = new WeakMap<Target, Int32Array>();

function threadsOf(target: Target): Int32Array {
  let threads = threadsByTarget.get(target);
  if (threads === undefined) {
    threads = Int32Array.from(target.kind === "cpu" ? target.threadsPerDomain : [1]);
    threadsByTarget.set(target, threads);
  }
  return threads;
}

/** An op, or a slice of one, on a compiled target. */
export function opJobCost(
  target: Target,
  domains: Int32Array,
  cycles: OpCycles,
  workingSetBytes: number | undefined,
): JobCost {
  // Job costs are read-only, so a job reuses its counts' cycle array and
  // every job of a target shares one thread-count array: no allocation per op.
  let parallelCycles = cycles.parallelCycles;
  if (parallelCycles.length !== domains.length) {
    // Nothing to compute (a fused op or an empty slice) still needs one entry per domain.
    parallelCycles = new Float64Array(domains.length);
    for (let domain = 0; domain < domains.length; domain++)
      parallelCycles[domain] = cycles.parallelCycles[domain] ?? 0;
  }
  const bytes = cycles.bytes;
  return {
    role: "compute",
    domains,
    threads: threadsOf(target),
    weight: NICE_0_WEIGHT,
    fixedSeconds: cycles.dispatchSeconds,
    serialCycles: cycles.serialCycles,
    parallelCycles,
    constantSeconds: 0,
    bytes,
    inverseCacheBandwidth: cycles.cacheSlowdown / target.cacheBandwidth,
    inverseDramBandwidth: cycles.dramSlowdown / target.dramBandwidth,
    nominalHit: cycles.nominalHit,
    sharesCache: true,
    cacheBytes: target.cacheBytes,
    workingSetBytes: workingSetBytes ?? bytes,
  };
}

/** Busy time on one processor: `threads` threads of CFS weight `weight`, each `nominalSeconds` at the top point. */
export function busyJobCost(
  processor: Processor,
  threads: number,
  weight: number,
  nominalSeconds: number,
  dramBandwidth: number,
  drawableBandwidth: number,
  workingSetBytes: number,
): JobCost {
  return {
    role: "compute",
    domains: Int32Array.of(processor.index),
    threads: Int32Array.of(threads),
    weight,
    fixedSeconds: 0,
    serialCycles: 0,
    parallelCycles: Float64Array.of(nominalSeconds * processor.points.maxFrequency),
    constantSeconds: 0,
    bytes: dramBandwidth * nominalSeconds,
    inverseCacheBandwidth: 0,
    inverseDramBandwidth: 1 / drawableBandwidth,
    nominalHit: 0,
    sharesCache: false,
    cacheBytes: 0,
    workingSetBytes,
  };
}

const NO_DOMAINS = new Int32Array(0);
const NO_CYCLES = new Float64Array(0);

/** A transfer: fixed synchronisation, frequency-independent copy time, DRAM traffic. */
export function transferJobCost(
  syncSeconds: number,
  copySeconds: number,
  dramBytes: number,
): JobCost {
  return {
    role: "transfer",
    domains: NO_DOMAINS,
    threads: NO_DOMAINS,
    weight: NICE_0_WEIGHT,
    fixedSeconds: syncSeconds,
    serialCycles: 0,
    parallelCycles: NO_CYCLES,
    constantSeconds: copySeconds,
    bytes: dramBytes,
    inverseCacheBandwidth: 0,
    inverseDramBandwidth: 0,
    nominalHit: 0,
    sharesCache: false,
    cacheBytes: 0,
    workingSetBytes: 0,
  };
}
