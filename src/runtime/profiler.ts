import type { PlanUnit } from "../sched/plan.ts";
import type { Profiler } from "../sched/view.ts";
import { describeValue } from "./policy-value.ts";
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
 *
 * The runtime calls it on every slice with a target index it resolved once
 * (`targetIndex`), and rows are found by (app, unit id): no string or map
 * lookup per slice (docs/performance.md, hot path rules).
 */
export class RuntimeProfiler implements Profiler {
  /** Per app, per unit id, per target index: the unit's whole time there (ns), offline and observed (NaN until known). */
  private readonly offline: Float64Array[][];
  private readonly observed: Float64Array[][];
  private readonly targetIndices: ReadonlyMap<string, number>;
  /** What a policy gets as `view.profiler`: the three questions, frozen, and none of the books behind them. */
  readonly forPolicy: Profiler = Object.freeze({
    predictNs: (appIndex: number, unit: PlanUnit, option: number) =>
      this.predictNs(appIndex, unit, option),
    offlineNs: (appIndex: number, unit: PlanUnit, option: number) =>
      this.offlineNs(appIndex, unit, option),
    transferNs: (from: string, to: string, bytes: number) => this.transferNs(from, to, bytes),
  });

  constructor(
    private readonly catalog: TargetCatalog,
    unitsPerApp: readonly number[],
    private readonly emaFactor: number,
    private readonly transferSeconds: (bytes: number, from: string, to: string) => number,
  ) {
    const rows = () =>
      unitsPerApp.map((units) =>
        Array.from({ length: units }, () =>
          new Float64Array(catalog.targets.length).fill(Number.NaN),
        ),
      );
    this.offline = rows();
    this.observed = rows();
    this.targetIndices = new Map(catalog.targets.map((target, index) => [target.id, index]));
  }

  /** The catalog index of a target, or -1 for a name the run lacks. */
  targetIndex(target: string): number {
    return this.targetIndices.get(target) ?? -1;
  }

  /** The whole unit alone on a target at nominal conditions (ns). */
  unitOfflineNs(appIndex: number, unit: PlanUnit, targetIndex: number): number {
    const row = this.offline[appIndex]![unit.id]!;
    let ns = row[targetIndex]!;
    if (Number.isNaN(ns)) {
      const target = this.catalog.targets[targetIndex]!.id;
      let seconds = 0;
      for (const op of unit.ops) seconds += this.catalog.isolatedOpSeconds(appIndex, op, target);
      ns = seconds * 1e9;
      row[targetIndex] = ns;
    }
    return ns;
  }

  /** The whole unit on a target: observed when it has run there, else offline. */
  unitPredictedNs(appIndex: number, unit: PlanUnit, targetIndex: number): number {
    const seen = this.observed[appIndex]![unit.id]![targetIndex]!;
    return Number.isNaN(seen) ? this.unitOfflineNs(appIndex, unit, targetIndex) : seen;
  }

  /** A slice of `share` of the unit ran on a target for `elapsedNs`; the average starts from the offline profile. */
  observe(
    appIndex: number,
    unit: PlanUnit,
    targetIndex: number,
    share: number,
    elapsedNs: number,
  ): void {
    const row = this.observed[appIndex]![unit.id]!;
    const whole = elapsedNs / share;
    const seen = row[targetIndex]!;
    const before = Number.isNaN(seen) ? this.unitOfflineNs(appIndex, unit, targetIndex) : seen;
    row[targetIndex] = before + this.emaFactor * (whole - before);
  }

  predictNs(appIndex: number, unit: PlanUnit, option: number): number {
    this.checkQuestion("predictNs", appIndex, unit, option);
    return this.slowestSlice(unit, option, (index) => this.unitPredictedNs(appIndex, unit, index));
  }

  offlineNs(appIndex: number, unit: PlanUnit, option: number): number {
    this.checkQuestion("offlineNs", appIndex, unit, option);
    return this.slowestSlice(unit, option, (index) => this.unitOfflineNs(appIndex, unit, index));
  }

  transferNs(from: string, to: string, bytes: number): number {
    for (const target of [from, to])
      if (this.targetIndex(target) < 0)
        throw new RangeError(
          `view.profiler.transferNs: no target ${JSON.stringify(target)} in this run (it has ${[...this.targetIndices.keys()].join(", ")})`,
        );
    if (!(typeof bytes === "number" && Number.isFinite(bytes) && bytes >= 0))
      throw new RangeError(
        `view.profiler.transferNs: bytes must be a finite number >= 0, got ${describeValue(bytes)}`,
      );
    return from === to ? 0 : this.transferSeconds(bytes, from, to) * 1e9;
  }

  /** A policy's question names an app of the run, a unit of its plan and one of the unit's options, or it is a bug of the policy. */
  private checkQuestion(call: string, appIndex: number, unit: PlanUnit, option: number): void {
    const units = this.offline[appIndex];
    if (!Number.isInteger(appIndex) || units === undefined)
      throw new RangeError(
        `view.profiler.${call}: app ${describeValue(appIndex)} is not an app of this run (0..${this.offline.length - 1})`,
      );
    if (typeof unit !== "object" || unit === null || units[unit.id] === undefined)
      throw new RangeError(
        `view.profiler.${call}: ${describeValue(unit)} is not a unit of app ${appIndex}'s plan (pass a ready entry's unit)`,
      );
    if (!Number.isInteger(option) || unit.options[option] === undefined)
      throw new RangeError(
        `view.profiler.${call}: unit ${unit.id} has no option ${describeValue(option)} (it has ${unit.options.length})`,
      );
  }

  /** A policy's question about an option: its slowest slice (plans naming a target the run lacks are refused at planning). */
  private slowestSlice(
    unit: PlanUnit,
    option: number,
    wholeUnitNs: (targetIndex: number) => number,
  ): number {
    let slowest = 0;
    for (const slice of unit.options[option]!.slices) {
      slowest = Math.max(slowest, wholeUnitNs(this.targetIndex(slice.target)) * slice.share);
    }
    return slowest;
  }
}
