import { expectNoParams } from "../params.ts";
import type { ModelPlan, PlanUnit } from "../plan.ts";
import { wholeUnit } from "../plan.ts";
import type { Decision, PlanningContext, Scheduler, SchedulerFactory } from "../scheduler.ts";

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
    // Per app, the last pass that started one of its requests (no set to allocate per pass);
    // a slot per app from its planning on, so the array has no holes.
    const startedInPass: number[] = [];
    let pass = 0;
    const scheduler: Scheduler = {
      id: `single-${kind}`,
      plan(app: PlanningContext): ModelPlan {
        while (startedInPass.length <= app.appIndex) startedInPass.push(-1);
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
      decide(view) {
        const decisions: Decision[] = [];
        pass++;
        for (const ready of view.ready) {
          if (ready.first) {
            // The framework's interpreter runs one inference of a model at a time.
            const app = ready.appIndex;
            if (view.runningRequests[app]! > 0 || startedInPass[app] === pass) continue;
            startedInPass[app] = pass;
          }
          decisions.push({
            kind: "run",
            requestId: ready.requestId,
            unitId: ready.unit.id,
            option: 0,
          });
        }
        return decisions;
      },
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
