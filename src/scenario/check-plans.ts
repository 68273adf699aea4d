import { RandomStreams } from "../core/index.ts";
import type { SocSpec } from "../device/index.ts";
import type { Graph } from "../graph/index.ts";
import { planUnitGraph } from "../runtime/app-plan.ts";
import { forcedCpuOps } from "../runtime/forced-cpu.ts";
import { TargetCatalog } from "../runtime/target-catalog.ts";
import type { WorkloadSpec } from "../workload/workload-schema.ts";
import type { ResolvedScheduler } from "./load-scenario.ts";
import type { ScenarioSpec } from "./scenario-schema.ts";

/** Why one scheduler entry cannot plan the workload, and which entry it is. */
export interface PlanningProblem {
  readonly schedulerIndex: number;
  readonly detail: string;
}

/**
 * Plans every app under every scheduler, as a run would before its first
 * event, so that a policy that cannot work on this SoC and framework
 * (`single-npu` where the framework drives no NPU) is an input error from
 * `validate` as from `run`. Returns the first problem, or undefined.
 */
export function planningProblem(
  spec: ScenarioSpec,
  soc: SocSpec,
  workload: WorkloadSpec,
  graphs: readonly Graph[],
  schedulers: readonly ResolvedScheduler[],
): PlanningProblem | undefined {
  const framework = spec.framework ?? soc.default_framework;
  const streams = new RandomStreams(spec.seed);
  const forced = graphs.map((graph, appIndex) =>
    forcedCpuOps(
      graph,
      spec.what_if.forced_cpu_fraction,
      streams.stream(`forced-cpu/${workload.apps[appIndex]!.name}`),
    ),
  );
  const catalog = new TargetCatalog(soc, framework, graphs, forced);
  const driven = catalog.info().map((target) => target.id);
  for (const [schedulerIndex, choice] of schedulers.entries()) {
    const scheduler = choice.factory(choice.params);
    for (const [appIndex, app] of workload.apps.entries()) {
      const graph = graphs[appIndex]!;
      const where = `${choice.label} cannot plan app "${app.name}" on ${soc.id} under ${framework} (which drives ${driven.join(", ")})`;
      let plan: ReturnType<typeof scheduler.plan>;
      try {
        plan = scheduler.plan({
          appIndex,
          appName: app.name,
          graph,
          targets: catalog.info(),
          supports: (opId, target) => catalog.supports(appIndex, opId, target),
          frameworkPlacement: (target) => catalog.frameworkPlacement(appIndex, target),
          offlineOpNs: (opId, target) => catalog.isolatedOpSeconds(appIndex, opId, target) * 1e9,
        });
      } catch (error) {
        return { schedulerIndex, detail: `${where}: ${messageOf(error)}` };
      }
      try {
        planUnitGraph(graph, plan, `${choice.label} plan of ${app.name}`);
      } catch (error) {
        // A built-in policy's malformed plan is socsim's bug; a user's module is input.
        if (choice.module === undefined) throw error;
        return { schedulerIndex, detail: `${where}: its plan is malformed: ${messageOf(error)}` };
      }
    }
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
