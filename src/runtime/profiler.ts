import type { PlanUnit } from "../sched/plan.ts";
import type { Profiler } from "../sched/view.ts";
import type { TargetCatalog } from "./target-catalog.ts";

/**
 * The profiler a policy predicts with. Its offline profile prices every op
 * once, alone, at the highest operating point and its nominal cache hit
 * rate, as a profiling run on an idle phone would; its runtime profile
 * follows observed completions, an exponential moving average per (unit,
 * target) of the whole unit's time there (a slice's time over its share).
 * A split option is predicted as its slowest slice. What the device then
 * does under load and heat is known only through what completes — that gap
 * is a result of the simulation.
 */
export class RuntimeProfiler implements Profiler {
  /** Per unit, per target index: the unit's whole time there (ns), offline and observed (NaN until observed). */
  private readonly offline = new Map<PlanUnit, Float64Array>();
  private readonly observed = new Map<PlanUnit, Float64Array>();

  constructor(
    private readonly catalog: TargetCatalog,
    private readonly emaFactor: number,
    private readonly transferSeconds: (bytes: number, from: string, to: string) => number,
  ) {}

  private offlineRow(unit: PlanUnit): Float64Array {
    let row = this.offline.get(unit);
    if (row === undefined) {
      row = new Float64Array(this.catalog.targets.length).fill(Number.NaN);
      this.offline.set(unit, row);
    }
    return row;
  }

  /** The whole unit alone on a target at nominal conditions (ns). */
  unitOfflineNs(appIndex: number, unit: PlanUnit, target: string): number {
    const index = this.catalog.indexOf(target);
    const row = this.offlineRow(unit);
    let ns = row[index]!;
    if (Number.isNaN(ns)) {
      let seconds = 0;
      for (const op of unit.ops) seconds += this.catalog.isolatedOpSeconds(appIndex, op, target);
      ns = seconds * 1e9;
      row[index] = ns;
    }
    return ns;
  }

  /** The whole unit on a target: observed when it has run there, else offline. */
  unitPredictedNs(appIndex: number, unit: PlanUnit, target: string): number {
    const seen = this.observed.get(unit)?.[this.catalog.indexOf(target)];
    return seen === undefined || Number.isNaN(seen)
      ? this.unitOfflineNs(appIndex, unit, target)
      : seen;
  }

  /** A slice of `share` of the unit ran on `target` for `elapsedNs`; the average starts from the offline profile. */
  observe(
    appIndex: number,
    unit: PlanUnit,
    target: string,
    share: number,
    elapsedNs: number,
  ): void {
    let row = this.observed.get(unit);
    if (row === undefined) {
      row = new Float64Array(this.catalog.targets.length).fill(Number.NaN);
      this.observed.set(unit, row);
    }
    const index = this.catalog.indexOf(target);
    const whole = elapsedNs / share;
    const seen = row[index]!;
    const before = Number.isNaN(seen) ? this.unitOfflineNs(appIndex, unit, target) : seen;
    row[index] = before + this.emaFactor * (whole - before);
  }

  predictNs(appIndex: number, unit: PlanUnit, option: number): number {
    const choice = unit.options[option];
    if (choice === undefined) return Number.POSITIVE_INFINITY;
    let slowest = 0;
    for (const slice of choice.slices)
      slowest = Math.max(slowest, this.unitPredictedNs(appIndex, unit, slice.target) * slice.share);
    return slowest;
  }

  offlineNs(appIndex: number, unit: PlanUnit, option: number): number {
    const choice = unit.options[option];
    if (choice === undefined) return Number.POSITIVE_INFINITY;
    let slowest = 0;
    for (const slice of choice.slices)
      slowest = Math.max(slowest, this.unitOfflineNs(appIndex, unit, slice.target) * slice.share);
    return slowest;
  }

  transferNs(from: string, to: string, bytes: number): number {
    return from === to ? 0 : this.transferSeconds(bytes, from, to) * 1e9;
  }
}
