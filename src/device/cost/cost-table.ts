import type { Graph } from "../../graph/ir.ts";
import type { SocSpec } from "../load-soc.ts";
import { opCycles } from "./op-cost.ts";
import { opFeatures } from "./op-features.ts";
import { computeDtype, isSupported } from "./support.ts";
import { DTYPE_INDEX, KIND_INDEX, type Target } from "./target.ts";

/**
 * Every op of a graph priced in advance on every target, for the
 * simulator's hot loop: compute seconds per (op, target, operating point)
 * and bytes per (op, target) live in flat typed arrays, so pricing an op at
 * run time is a few loads, one multiply-add for memory and a max — no
 * allocation, no unit parsing. `secondsAt` takes an operating-point index
 * of a single-domain target (a cluster, an accelerator); `seconds` takes a
 * frequency per domain and also serves the multi-cluster `cpu`.
 */
export class OpCostTable {
  readonly targets: readonly Target[];
  private readonly opCount: number;
  private readonly pointCount: number;
  /** [op][target][operating point] compute seconds of single-domain targets. */
  private readonly computeAt: Float64Array;
  private readonly runs: Uint8Array;
  private readonly bytes: Float64Array;
  private readonly hit: Float64Array;
  private readonly dispatch: Float64Array;
  private readonly serialCycles: Float64Array;
  /** [op][target][domain] parallel cycles per thread. */
  private readonly parallelCycles: Float64Array;
  private readonly maxDomains: number;
  private readonly inverseCacheBandwidth: Float64Array;
  private readonly inverseDramBandwidth: Float64Array;

  constructor(soc: SocSpec, graph: Graph, targets: readonly Target[]) {
    this.targets = targets;
    this.opCount = graph.ops.length;
    const points = targets.map((target) => soc.processors[target.domains[0]!]!.operating_points);
    this.pointCount = Math.max(...points.map((list) => list.length));
    this.maxDomains = Math.max(...targets.map((target) => target.domains.length));
    const pairs = this.opCount * targets.length;
    this.computeAt = new Float64Array(pairs * this.pointCount);
    this.runs = new Uint8Array(pairs);
    this.bytes = new Float64Array(pairs);
    this.hit = new Float64Array(pairs);
    this.dispatch = new Float64Array(pairs);
    this.serialCycles = new Float64Array(pairs);
    this.parallelCycles = new Float64Array(pairs * this.maxDomains);
    this.inverseCacheBandwidth = Float64Array.from(targets, (target) => 1 / target.cacheBandwidth);
    this.inverseDramBandwidth = Float64Array.from(targets, (target) => 1 / target.dramBandwidth);
    for (const op of graph.ops) {
      targets.forEach((target, targetIndex) => {
        if (!isSupported(soc, target, op, graph)) return;
        const dtype = computeDtype(soc, target, op)!;
        const features = opFeatures(op, graph, dtype, target.backend.tile);
        const cycles = opCycles(
          target,
          features,
          KIND_INDEX.get(op.kind)!,
          DTYPE_INDEX.get(dtype)!,
        );
        const pair = op.id * targets.length + targetIndex;
        this.runs[pair] = 1;
        this.bytes[pair] = cycles.bytes;
        this.hit[pair] = cycles.nominalHit;
        this.dispatch[pair] = cycles.dispatchSeconds;
        this.serialCycles[pair] = cycles.serialCycles;
        cycles.parallelCycles.forEach((value, domain) => {
          this.parallelCycles[pair * this.maxDomains + domain] = value;
        });
        points[targetIndex]!.forEach((point, index) => {
          // Single-domain view: every domain of the target at the same point index is only exact for one domain.
          let parallel = 0;
          for (const value of cycles.parallelCycles)
            parallel = Math.max(parallel, value / point.freq);
          this.computeAt[pair * this.pointCount + index] =
            cycles.serialCycles / point.freq + parallel;
        });
      });
    }
  }

  supported(op: number, target: number): boolean {
    return this.runs[op * this.targets.length + target] === 1;
  }

  /** Nominal cache hit rate of the op on the target (its activations that fit in cache). */
  nominalHit(op: number, target: number): number {
    return this.hit[op * this.targets.length + target]!;
  }

  /** Latency at operating point `point` of a single-domain target (a cluster or an accelerator). */
  secondsAt(
    op: number,
    target: number,
    point: number,
    hitRate: number,
    bandwidthShare: number,
  ): number {
    const pair = op * this.targets.length + target;
    const compute = this.computeAt[pair * this.pointCount + point]!;
    const memory =
      this.bytes[pair]! *
      (hitRate * this.inverseCacheBandwidth[target]! +
        ((1 - hitRate) * this.inverseDramBandwidth[target]!) / bandwidthShare);
    return (compute > memory ? compute : memory) + this.dispatch[pair]!;
  }

  /** Latency with a frequency (Hz) per domain of the target. */
  seconds(
    op: number,
    target: number,
    frequencies: ArrayLike<number>,
    hitRate: number,
    bandwidthShare: number,
  ): number {
    const pair = op * this.targets.length + target;
    let parallel = 0;
    const domains = this.targets[target]!.domains.length;
    for (let domain = 0; domain < domains; domain++) {
      const value = this.parallelCycles[pair * this.maxDomains + domain]! / frequencies[domain]!;
      if (value > parallel) parallel = value;
    }
    const compute = this.serialCycles[pair]! / frequencies[0]! + parallel;
    const memory =
      this.bytes[pair]! *
      (hitRate * this.inverseCacheBandwidth[target]! +
        ((1 - hitRate) * this.inverseDramBandwidth[target]!) / bandwidthShare);
    return (compute > memory ? compute : memory) + this.dispatch[pair]!;
  }
}
