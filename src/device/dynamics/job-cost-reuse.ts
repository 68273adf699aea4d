import { objectList } from "../../core/object-list.ts";
import type { DType } from "../../graph/op-kinds.ts";
import type { TransferPricing } from "../cost/transfers.ts";
import type { JobCost } from "./fluid-job.ts";
import { busyJobCost, transferJobCost } from "./job-costs.ts";
import type { Processor } from "./processor.ts";

/** Busy costs kept per processor: enough for the UI's frames, a policy's decisions and a reuse check on one cluster. */
const BUSY_COSTS_KEPT = 4;

/**
 * Busy work's job costs, shared by the jobs that ask for the same work. A
 * job cost is read-only, and the UI's frames and a policy's decisions ask
 * for the same busy time on the same processor over and over: building a
 * cost (an object and three typed arrays) for each would be garbage at
 * every frame and decision.
 */
export class BusyCosts {
  /** Per processor, the costs built last, newest first. */
  private readonly kept: JobCost[][];

  constructor(processors: number) {
    this.kept = Array.from({ length: processors }, () => objectList<JobCost>());
  }

  /** `busyJobCost` of these arguments: a kept cost equal to it, or a new one. */
  cost(
    processor: Processor,
    threads: number,
    weight: number,
    nominalSeconds: number,
    dramBandwidth: number,
    drawableBandwidth: number,
    workingSetBytes: number,
  ): JobCost {
    const kept = this.kept[processor.index]!;
    const cycles = nominalSeconds * processor.points.maxFrequency;
    const bytes = dramBandwidth * nominalSeconds;
    const inverseDramBandwidth = 1 / drawableBandwidth;
    for (let index = 0; index < kept.length; index++) {
      const cost = kept[index]!;
      // The fields busyJobCost derives from its arguments, computed the same way: equal costs.
      if (
        cost.threads[0] === threads &&
        cost.weight === weight &&
        cost.parallelCycles[0] === cycles &&
        cost.bytes === bytes &&
        cost.inverseDramBandwidth === inverseDramBandwidth &&
        cost.workingSetBytes === workingSetBytes
      )
        return cost;
    }
    const cost = busyJobCost(
      processor,
      threads,
      weight,
      nominalSeconds,
      dramBandwidth,
      drawableBandwidth,
      workingSetBytes,
    );
    if (kept.length === BUSY_COSTS_KEPT) kept.pop();
    kept.unshift(cost);
    return cost;
  }
}

/**
 * Transfers' job costs by route (from, to, dtypes) and size: a unit's input
 * and output crossings repeat with every request, and their price depends on
 * nothing else.
 */
export class TransferCosts {
  private readonly routes = new Map<string, Map<string, Map<number, JobCost>>>();

  constructor(
    private readonly pricing: TransferPricing,
    /** The framework's CPU clusters, where a transfer's host thread runs. */
    private readonly hosts: Int32Array,
  ) {}

  cost(
    bytes: number,
    from: string,
    to: string,
    dtype: DType | undefined,
    sliceDtype: DType | undefined,
  ): JobCost {
    const route =
      dtype === undefined && sliceDtype === undefined ? to : `${to}|${dtype}|${sliceDtype}`;
    let byRoute = this.routes.get(from);
    if (byRoute === undefined) {
      byRoute = new Map();
      this.routes.set(from, byRoute);
    }
    let bySize = byRoute.get(route);
    if (bySize === undefined) {
      bySize = new Map();
      byRoute.set(route, bySize);
    }
    let cost = bySize.get(bytes);
    if (cost === undefined) {
      const price = this.pricing.price(bytes, from, to, dtype, sliceDtype);
      const hosts = price.syncSeconds > 0 || price.copySeconds > 0 ? this.hosts : NO_HOSTS;
      cost = transferJobCost(price.syncSeconds, price.copySeconds, price.dramBytes, hosts);
      bySize.set(bytes, cost);
    }
    return cost;
  }
}

const NO_HOSTS = new Int32Array(0);
