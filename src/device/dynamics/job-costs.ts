import type { OpCycles } from "../cost/op-cost.ts";
import type { Target } from "../cost/target.ts";
import { NICE_0_WEIGHT } from "./cfs-weights.ts";
import type { JobCost } from "./fluid-job.ts";
import type { Processor } from "./processor.ts";

const NO_DOMAINS = new Int32Array(0);
const threadsByTarget = new WeakMap<Target, Int32Array>();

function threadsOf(target: Target): Int32Array {
  let threads = threadsByTarget.get(target);
  if (threads === undefined) {
    threads = Int32Array.from(target.kind === "cpu" ? target.threadsPerDomain : [1]);
    threadsByTarget.set(target, threads);
  }
  return threads;
}

/**
 * An op, or a slice of one, on a compiled target. An accelerator's dispatch
 * and kernel launch are the host thread's work on one of `hostDomains`
 * (assumed: all of it is CPU time, the driver's enqueue and the wait for
 * completion).
 */
export function opJobCost(
  target: Target,
  domains: Int32Array,
  hostDomains: Int32Array,
  cycles: OpCycles,
  workingSetBytes: number | undefined,
): JobCost {
  // Job costs are read-only, so a job reuses its counts' cycle array and
  // every job of a target shares one thread-count array: no allocation per op.
  let parallelCycles = cycles.parallelCycles;
  let balancedWork = cycles.balancedWork;
  if (parallelCycles.length !== domains.length) {
    balancedWork = undefined;
    // Nothing to compute (a fused op or an empty slice) still needs one entry per domain.
    parallelCycles = new Float64Array(domains.length);
    for (let domain = 0; domain < domains.length; domain++)
      parallelCycles[domain] = cycles.parallelCycles[domain] ?? 0;
  }
  const bytes = cycles.bytes;
  const hit = cycles.nominalHit;
  const inverseCacheBandwidth = cycles.cacheSlowdown / target.cacheBandwidth;
  const inverseDramBandwidth = cycles.dramSlowdown / target.dramBandwidth;
  return {
    role: "compute",
    domains,
    threads: threadsOf(target),
    weight: NICE_0_WEIGHT,
    barrier: target.kind === "cpu",
    fixedSeconds: cycles.dispatchSeconds,
    host:
      target.kind === "cpu" || cycles.dispatchSeconds <= 0 || hostDomains.length === 0
        ? "none"
        : "fixed",
    hostDomains: target.kind === "cpu" ? NO_DOMAINS : hostDomains,
    serialCycles: cycles.serialCycles,
    parallelCycles,
    balancedWork,
    tileFloorCycles: balancedWork === undefined ? undefined : cycles.tileFloorCycles,
    constantSeconds: 0,
    bytes,
    inverseCacheBandwidth,
    inverseDramBandwidth,
    nominalHit: cycles.nominalHit,
    sharesCache: true,
    cacheBytes: target.cacheBytes,
    workingSetBytes: workingSetBytes ?? bytes,
    aloneMemorySeconds: bytes * (hit * inverseCacheBandwidth + (1 - hit) * inverseDramBandwidth),
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
    barrier: false,
    fixedSeconds: 0,
    host: "none",
    hostDomains: NO_DOMAINS,
    serialCycles: 0,
    parallelCycles: Float64Array.of(nominalSeconds * processor.points.maxFrequency),
    balancedWork: undefined,
    tileFloorCycles: undefined,
    constantSeconds: 0,
    bytes: dramBandwidth * nominalSeconds,
    inverseCacheBandwidth: 0,
    inverseDramBandwidth: 1 / drawableBandwidth,
    nominalHit: 0,
    sharesCache: false,
    cacheBytes: 0,
    workingSetBytes,
    aloneMemorySeconds: 0,
  };
}

const NO_CYCLES = new Float64Array(0);

/**
 * A transfer: fixed synchronisation, frequency-independent copy time, DRAM
 * traffic; all of it the host thread's work on `hostDomains` (queue finish,
 * map and unmap or the RPC call and its cache maintenance, the copy through
 * the CPU, the conversion; assumed: a GPU's layout-conversion kernel is
 * waited for as its other kernels are).
 */
export function transferJobCost(
  syncSeconds: number,
  copySeconds: number,
  dramBytes: number,
  hostDomains: Int32Array,
): JobCost {
  return {
    role: "transfer",
    domains: NO_DOMAINS,
    threads: NO_DOMAINS,
    weight: NICE_0_WEIGHT,
    barrier: false,
    fixedSeconds: syncSeconds,
    host: hostDomains.length > 0 ? "all" : "none",
    hostDomains,
    serialCycles: 0,
    parallelCycles: NO_CYCLES,
    balancedWork: undefined,
    tileFloorCycles: undefined,
    constantSeconds: copySeconds,
    bytes: dramBytes,
    inverseCacheBandwidth: 0,
    inverseDramBandwidth: 0,
    nominalHit: 0,
    sharesCache: false,
    cacheBytes: 0,
    workingSetBytes: 0,
    aloneMemorySeconds: 0,
  };
}

/**
 * The spin of a CPU target's pool workers after an op: every thread but the
 * caller's (taken from the first domain), runnable for `spinSeconds` of wall
 * time whatever the clock. Undefined when nothing spins.
 */
export function spinJobCost(
  target: Target,
  domains: Int32Array,
  spinSeconds: number,
): JobCost | undefined {
  if (!(spinSeconds > 0) || target.kind !== "cpu") return undefined;
  const spinDomains: number[] = [];
  const spinThreads: number[] = [];
  let caller = true;
  for (let domain = 0; domain < domains.length; domain++) {
    let threads = target.threadsPerDomain[domain]!;
    if (caller && threads > 0) {
      threads--;
      caller = false;
    }
    if (threads === 0) continue;
    spinDomains.push(domains[domain]!);
    spinThreads.push(threads);
  }
  if (spinDomains.length === 0) return undefined;
  return {
    role: "compute",
    domains: Int32Array.from(spinDomains),
    threads: Int32Array.from(spinThreads),
    weight: NICE_0_WEIGHT,
    barrier: false,
    fixedSeconds: 0,
    host: "none",
    hostDomains: NO_DOMAINS,
    serialCycles: 0,
    parallelCycles: new Float64Array(spinDomains.length),
    balancedWork: undefined,
    tileFloorCycles: undefined,
    constantSeconds: spinSeconds,
    bytes: 0,
    inverseCacheBandwidth: 0,
    inverseDramBandwidth: 0,
    nominalHit: 0,
    sharesCache: false,
    cacheBytes: 0,
    workingSetBytes: 0,
    aloneMemorySeconds: 0,
  };
}
