import { OneInferencePerApp } from "../interpreter-order.ts";
import { expectNoParams } from "../params.ts";
import type { ModelPlan, PlanUnit } from "../plan.ts";
import { wholeUnit } from "../plan.ts";
import type { PlanningContext, Scheduler, SchedulerFactory } from "../scheduler.ts";

/**
 * Single-processor execution as TFLite and MACE do it: each model is bound
 * to one processor; ops the framework cannot place there fall back to the
 * CPU (the framework's own partitioning rule decides which, e.g. TFLite's
 * GPU delegate keeps only the largest supported partition); one model runs
 * one inference at a time, its requests in FIFO order. Nothing reacts to load,
 * temperature or frequency.
 */
function singleProcessor(kind: "cpu" | "gpu" | "dsp" | "npu"): SchedulerFactory {
  return (params) => {
    expectNoParams(`single-${kind}`, params);
    const order = new OneInferencePerApp();
    const scheduler: Scheduler = {
      id: `single-${kind}`,
      plan(app: PlanningContext): ModelPlan {
        order.addApp(app.appIndex);
        const target = app.targets.find(
          (candidate) => candidate.kind === kind && candidate.id === kind,
        )?.id;
        const bound = target ?? (kind === "cpu" ? "cpu" : undefined);
        if (bound === undefined) {
          throw new Error(`single-${kind}: no ${kind} target to bind ${app.appName} to`);
        }
        const placement = app.frameworkPlacement(bound);
        return {
          units: runsOfSameTarget(
            placement,
            app.graph.ops.map((op) => op.id),
          ),
          fallbackOps: bound === "cpu" ? 0 : placement.filter((where) => where !== bound).length,
        };
      },
      decide: (view) => order.decide(view),
    };
    return scheduler;
  };
}

/** Consecutive ops (in topological order) on the same target become one unit. */
function runsOfSameTarget(placement: readonly string[], opIds: readonly number[]): PlanUnit[] {
  const units: PlanUnit[] = [];
  let start = 0;
  for (let i = 1; i <= opIds.length; i++) {
    if (i === opIds.length || placement[i] !== placement[start]) {
      units.push(wholeUnit(units.length, opIds.slice(start, i), placement[start]!));
      start = i;
    }
  }
  return units;
}

export const singleCpu = singleProcessor("cpu");
export const singleGpu = singleProcessor("gpu");
export const singleDsp = singleProcessor("dsp");
export const singleNpu = singleProcessor("npu");
