import { deepFreeze, RandomStreams, secondsToNs } from "../core/index.ts";
import type { SocSpec } from "../device/index.ts";
import type { Graph } from "../graph/index.ts";
import type { ModelPlan } from "../sched/plan.ts";
import {
  type BuiltPolicy,
  buildPolicy,
  DEFAULT_EMA_FACTOR,
  DEFAULT_STALL_AFTER_NS,
  DEFAULT_UTILISATION_WINDOW_NS,
} from "../sched/policy.ts";
import type { AppInfo, GpuMemory, PlanningContext } from "../sched/scheduler.ts";
import { type PlannedApp, planUnitGraph } from "./app-plan.ts";
import { forcedCpuOps } from "./forced-cpu.ts";
import { gpuMemoryOf, withGpuMemory } from "./gpu-memory.ts";
import { frozenPlan } from "./plan-shape.ts";
import { PolicyError, policyNamed } from "./policy-error.ts";
import { thrownMessage } from "./policy-value.ts";
import { PricingDevice } from "./pricing-device.ts";
import type { RunPolicy, RunScenario } from "./run-spec.ts";
import { type CatalogApp, TargetCatalog } from "./target-catalog.ts";

/** A scheduler entry planned for one run: what it runs on, its plans, and what planning cost. */
export interface PlannedRun {
  readonly built: BuiltPolicy;
  readonly framework: string;
  readonly gpuMemory: GpuMemory | null;
  /** The SoC with the GPU memory object in force. */
  readonly soc: SocSpec;
  /** Per app, its graph after the policy's rewrite (the scenario's when it kept it). */
  readonly graphs: readonly Graph[];
  readonly rewritten: readonly boolean[];
  readonly catalog: TargetCatalog;
  readonly planned: readonly PlannedApp[];
  /** Host planning cost (ns) the policy reported for the work it counted. */
  readonly planningNs: number;
  readonly emaFactor: number;
  readonly utilisationWindowNs: number;
  readonly stallAfterNs: number;
}

/** A policy's `plan` threw for one app: the message names the app, the SoC and the framework. */
export class AppPlanningError extends Error {}

/**
 * Builds the policy, settles the framework and GPU memory object (entry,
 * then policy default, then scenario), lets the policy rewrite each app's
 * graph, and plans every app with the whole scenario in view. Throws when
 * the policy cannot plan (the loader turns that into an input error at the
 * entry).
 */
export function planRun(scenario: RunScenario, choice: RunPolicy, seed: number): PlannedRun {
  const { spec, workload } = scenario;
  const built = buildPolicy(choice.factory, choice.name, choice.params);
  const { definition, policy } = built;
  const framework =
    choice.framework ?? definition.framework ?? spec.framework ?? scenario.soc.default_framework;
  if (scenario.soc.frameworks[framework] === undefined)
    throw new Error(
      `${scenario.soc.id} has no framework "${framework}" (known: ${Object.keys(scenario.soc.frameworks).join(", ")})`,
    );
  if (definition.frameworks !== undefined && !definition.frameworks.includes(framework))
    throw new Error(
      `${definition.id} runs on ${definition.frameworks.join(" or ")}, not on ${framework}`,
    );
  const streams = new RandomStreams(seed);
  // Each app with its graph, the ops σ4 forces to the CPU, and its `threads:`.
  const catalogApps = (graphs: readonly Graph[], suffix: string): CatalogApp[] =>
    graphs.map((graph, appIndex) => ({
      graph,
      forcedToCpu: forcedCpuOps(
        graph,
        spec.what_if.forced_cpu_fraction,
        streams.stream(`forced-cpu/${workload.apps[appIndex]!.name}${suffix}`),
      ),
      cpuThreads: workload.apps[appIndex]!.threads,
    }));
  const frameworkMemory = gpuMemoryOf(scenario.soc, framework);
  const scenarioCatalog = new TargetCatalog(
    scenario.soc,
    framework,
    catalogApps(scenario.graphs, ""),
  );
  const wanted =
    choice.gpuMemory ?? definition.gpuMemory?.(scenarioCatalog.info()) ?? frameworkMemory;
  if (wanted !== frameworkMemory && frameworkMemory === null)
    throw new Error(
      `${framework} drives no GPU on ${scenario.soc.id}: no GPU memory object to set`,
    );
  const gpuMemory = wanted;
  const soc =
    gpuMemory === null || gpuMemory === frameworkMemory
      ? scenario.soc
      : withGpuMemory(scenario.soc, framework, gpuMemory);
  // Frozen: what a policy is handed, it must not be able to change for others (the graphs are shared).
  const apps: readonly AppInfo[] = deepFreeze(
    workload.apps.map((app, appIndex) => ({
      name: app.name,
      graph: scenario.graphs[appIndex]!,
      arrival: app.arrival,
      sloNs: app.slo === undefined ? null : secondsToNs(app.slo),
    })),
  );
  const pricing = new PricingDevice(soc, framework);
  let work = 0;
  const countWork = (amount: number): void => {
    work += amount;
  };
  const context = (catalog: TargetCatalog, appIndex: number): PlanningContext => ({
    appIndex,
    appName: apps[appIndex]!.name,
    graph: catalog.graph(appIndex),
    apps,
    targets: catalog.info(),
    cpuThreads: catalog.cpuThreads(appIndex),
    framework,
    gpuMemory,
    supports: (opId, target) => catalog.supports(appIndex, opId, target),
    frameworkPlacement: (target) => catalog.frameworkPlacement(appIndex, target),
    offlineOpNs: (opId, target) => catalog.isolatedOpSeconds(appIndex, opId, target) * 1e9,
    // The leading `share` of the op along the axis, priced by its shape (tiles, work-groups, halo).
    profileSliceNs: (opId, target, slice) =>
      catalog.isolatedSliceSeconds(appIndex, opId, target, slice.axis, [0, slice.share]) * 1e9,
    transferNs: (from, to, bytes) => pricing.transferSeconds(bytes, from, to) * 1e9,
    countWork,
  });
  let catalog =
    soc === scenario.soc
      ? scenarioCatalog
      : new TargetCatalog(soc, framework, catalogApps(scenario.graphs, ""));
  const graphs = scenario.graphs.map((graph, appIndex) =>
    deepFreeze(policy.rewrite?.(context(catalog, appIndex)) ?? graph),
  );
  const rewritten = graphs.map((graph, appIndex) => graph !== scenario.graphs[appIndex]);
  if (rewritten.includes(true))
    catalog = new TargetCatalog(soc, framework, catalogApps(graphs, "/rewritten"));
  let planningNs = 0;
  const planned = graphs.map((graph, appIndex) => {
    work = 0;
    let returned: unknown;
    try {
      returned = policy.plan(context(catalog, appIndex));
    } catch (error) {
      const drives = catalog
        .info()
        .map((target) => target.id)
        .join(", ");
      const why = thrownMessage(error).split("\n")[0];
      throw new AppPlanningError(
        `cannot plan app "${apps[appIndex]!.name}" on ${soc.id} under ${framework} (which drives ${drives}): ${why}`,
      );
    }
    const cost = definition.planningCostNs?.(work) ?? 0;
    if (!(Number.isFinite(cost) && cost >= 0))
      throw new Error(`${definition.id} reported a planning cost of ${cost} ns`);
    planningNs += cost;
    const plan = frozenPlan(returned);
    if ("problem" in plan)
      throw new PolicyError(
        policyNamed(choice),
        0,
        `planning app "${apps[appIndex]!.name}" ${plan.problem}`,
      );
    const lacking = targetLacking(plan, catalog);
    if (lacking !== undefined)
      throw new AppPlanningError(
        `cannot plan app "${apps[appIndex]!.name}" on ${soc.id} under ${framework}: its plan names target "${lacking}", which the run lacks (it has ${catalog
          .info()
          .map((target) => target.id)
          .join(", ")})`,
      );
    return planUnitGraph(graph, plan, `${choice.label} plan of ${apps[appIndex]!.name}`);
  });
  return {
    built,
    framework,
    gpuMemory,
    soc,
    graphs,
    rewritten,
    catalog,
    planned,
    planningNs,
    emaFactor: definition.emaFactor ?? DEFAULT_EMA_FACTOR,
    utilisationWindowNs: definition.utilisationWindowNs ?? DEFAULT_UTILISATION_WINDOW_NS,
    stallAfterNs: definition.stallAfterNs ?? DEFAULT_STALL_AFTER_NS,
  };
}

/** A target a plan's options name that the run has not, found at planning rather than when the unit first runs. */
function targetLacking(plan: ModelPlan, catalog: TargetCatalog): string | undefined {
  const known = new Set(catalog.info().map((target) => target.id));
  for (const unit of plan.units)
    for (const option of unit.options)
      for (const slice of option.slices) if (!known.has(slice.target)) return slice.target;
  return undefined;
}
