import type { PlanUnit } from "../sched/plan.ts";
import type { Profiler } from "../sched/view.ts";
import type { TargetCatalog } from "./target-catalog.ts";

/**
 * The offline profiler a policy predicts with: every op priced once, alone,
 * at the highest operating point and its nominal cache hit rate, as a
 * profiling run on an idle phone would. A split option is predicted as its
 * slowest slice. What the device then does under load and heat is not
 * known to it — that gap is a result of the simulation.
 */
export class OfflineProfiler implements Profiler {
  private readonly cache = new Map<PlanUnit, Float64Array>();

  constructor(private readonly catalog: TargetCatalog) {}

  predictNs(appIndex: number, unit: PlanUnit, option: number): number {
    let perOption = this.cache.get(unit);
    if (perOption === undefined) {
      perOption = Float64Array.from(unit.options, (choice) => {
        let slowest = 0;
        for (const slice of choice.slices) {
          let seconds = 0;
          for (const op of unit.ops)
            seconds += this.catalog.isolatedOpSeconds(appIndex, op, slice.target) * slice.share;
          slowest = Math.max(slowest, seconds);
        }
        return slowest * 1e9;
      });
      this.cache.set(unit, perOption);
    }
    return perOption[option] ?? Number.POSITIVE_INFINITY;
  }
}
