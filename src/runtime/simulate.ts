import { RandomStreams, Simulator, secondsToNs } from "../core/index.ts";
import { dtypeLabel, type Graph, totalsOf } from "../graph/index.ts";
import { appResult } from "../metrics/app-result.ts";
import type { LineWriter } from "../metrics/line-writer.ts";
import { multiTenantFigures } from "../metrics/multi-tenant.ts";
import { RequestRecorder } from "../metrics/request-recorder.ts";
import type { RunResult } from "../metrics/results.ts";
import type { RunSeries, RunSeriesRecorder } from "../metrics/run-series.ts";
import type { TraceWriter } from "../metrics/trace-writer.ts";
import { aloneLatencyNs } from "./alone-latency.ts";
import { appReuse } from "./app-reuse.ts";
import { startArrivals } from "./arrival-sources.ts";
import { createDevicePort, type Execution } from "./device-adapter.ts";
import { EnergyLedger } from "./energy-ledger.ts";
import { takePlannedRun } from "./kept-plans.ts";
import { planRun } from "./plan-run.ts";
import { policyCalls, wrapPlanningError } from "./policy-calls.ts";
import { PolicyJobBooks, ProcessorViews } from "./processor-view.ts";
import { RuntimeProfiler } from "./profiler.ts";
import { residentBytes, subgraphCount } from "./resident-memory.ts";
import type { RunPolicy, RunScenario } from "./run-spec.ts";
import { Runtime, type RuntimeApp } from "./runtime.ts";
import { startUiLoad } from "./ui-load.ts";
import { Unavailability } from "./unavailability.ts";

export interface RunSinks {
  readonly requests?: LineWriter;
  readonly trace?: TraceWriter;
  /** Sees every job execution (property tests run the invariant checkers on them). */
  readonly onExecution?: (execution: Execution) => void;
  /** Keeps report.html's bounded series of the run. */
  readonly series?: RunSeriesRecorder;
}

export interface RunOutcome {
  readonly result: RunResult;
  readonly opExecutions: number;
  /** When RunSinks.series was given. */
  readonly series?: RunSeries;
  /** The graphs that ran, per app: the policy's rewrites where it made one (op ids in executions refer to these). */
  readonly graphs: readonly Graph[];
  /** Whether a target (a processor, or the framework's `cpu`) can run an op of an app: the support table the runtime checks placements against. */
  supports(appIndex: number, opId: number, target: string): boolean;
}

/** One scheduler's run of a scenario on a fresh device, from the scenario's seed. */
export function simulateRun(
  scenario: RunScenario,
  choice: RunPolicy,
  seed: number,
  sinks: RunSinks = {},
): RunOutcome {
  const steps = simulateInSteps(scenario, choice, seed, sinks);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Kernel events between two pauses of `simulateInSteps`: a few milliseconds of host time. */
const EVENTS_PER_STEP = 100_000;

/**
 * `simulateRun`, pausing after every few thousand events so that its caller
 * may let Node's event loop turn (a signal handler runs only then). Pausing
 * changes nothing in the run: the simulator resumes where it stopped.
 */
export function* simulateInSteps(
  scenario: RunScenario,
  choice: RunPolicy,
  seed: number,
  sinks: RunSinks = {},
): Generator<void, RunOutcome, void> {
  const { spec, workload } = scenario;
  const streams = new RandomStreams(seed);
  const simulator = new Simulator();
  const run =
    takePlannedRun(scenario, choice, seed) ??
    wrapPlanningError(choice, () => planRun(scenario, choice, seed));
  const { catalog, graphs } = run;
  const apps: RuntimeApp[] = workload.apps.map((app, appIndex) => {
    const reuse = appReuse({
      appName: app.name,
      spec: app.reuse,
      loadedGraph: scenario.graphs[appIndex]!,
      runGraph: graphs[appIndex]!,
      planned: run.planned[appIndex]!,
      streams,
      traceValues: scenario.similarityTraces?.get(app.name),
    });
    return {
      name: app.name,
      graph: graphs[appIndex]!,
      planned: run.planned[appIndex]!,
      sloNs: app.slo === undefined ? Number.POSITIVE_INFINITY : secondsToNs(app.slo),
      priority: app.priority,
      maxQueue: app.max_queue,
      queueWindow: app.queue_window ?? Number.POSITIVE_INFINITY,
      ...(reuse !== undefined && { reuse }),
    };
  });
  const warmupNs = secondsToNs(spec.warmup);
  const endNs = secondsToNs(spec.duration);
  // The device runs what the policy settled on: its framework, GPU memory object and graphs.
  const device = createDevicePort(
    simulator,
    { ...scenario, soc: run.soc, graphs, spec: { ...spec, framework: run.framework } },
    streams,
    sinks.trace,
    sinks.onExecution,
    sinks.series,
  );
  const profiler = new RuntimeProfiler(
    catalog,
    apps.map((app) => app.planned.plan.units.length),
    run.emaFactor,
    (bytes, from, to) => device.transferSeconds(bytes, from, to),
  );
  const recorder = new RequestRecorder(
    workload.apps.map((app, index) => ({ name: app.name, model: graphs[index]!.name })),
    apps.map((app) => app.sloNs),
    warmupNs,
    choice.label,
    sinks.requests,
  );
  const monitors = device.processorStates();
  const views = new ProcessorViews(
    run.soc,
    monitors,
    monitors.map(() => new PolicyJobBooks()),
    run.utilisationWindowNs,
  );
  const processorsOfTarget = apps.map((_, appIndex) =>
    catalog.targets.map((_, targetIndex) =>
      catalog
        .domainsOf(appIndex, targetIndex)
        .map((domain) => views.indexOf(domain))
        .filter((index) => index >= 0),
    ),
  );
  const unavailability = new Unavailability(spec.what_if.unavailable ?? {}, catalog.targets);
  const runtime = new Runtime(
    simulator,
    device,
    apps,
    policyCalls(choice, run),
    profiler,
    recorder,
    {
      isTarget: (target) => profiler.targetIndex(target) >= 0,
      supports: (appIndex, opId, target) => catalog.supports(appIndex, opId, target),
      runsDtype: (target, dtype) => catalog.target(target).backend.precision[dtype] !== undefined,
    },
    (appIndex, opId, target) => catalog.fusesIntoProducer(appIndex, opId, target),
    "cpu",
    views,
    processorsOfTarget,
    unavailability,
  );

  startArrivals(simulator, runtime, workload, streams, scenario.traces, endNs);
  for (const load of workload.competing) device.addCompetingLoad(load);
  const ui = workload.ui
    ? startUiLoad(simulator, device, workload.ui, warmupNs, endNs, () => runtime.requestPass())
    : null;
  const ledger = new EnergyLedger(recorder);
  device.chargeEnergyTo(ledger.charge);
  simulator.at(warmupNs, () => {
    device.resetStatistics();
    ledger.reset();
  });
  let events = 0;
  for (;;) {
    const step = simulator.run({ until: endNs, maxEvents: EVENTS_PER_STEP });
    events += step.events;
    if (step.reason !== "stopped") break;
    yield;
  }

  const windowSeconds = (endNs - warmupNs) / 1e9;
  const stats = device.statistics();
  const inFlight = recorder.inFlight();
  const lateInFlight = recorder.lateInFlight(endNs);
  recorder.logInFlight();
  const models = recorder.tallies.map((tally, appIndex) => {
    const slo = workload.apps[appIndex]!.slo;
    const totals = totalsOf(graphs[appIndex]!.ops);
    const reuse = runtime.reuseResult(appIndex);
    const result = appResult({
      tally,
      inFlight: inFlight[appIndex]!,
      lateInFlight: lateInFlight[appIndex]!,
      sloMs: slo === undefined ? null : slo * 1000,
      windowSeconds,
      fallbackOps: apps[appIndex]!.planned.plan.fallbackOps,
    });
    return {
      ...result,
      ops: graphs[appIndex]!.ops.length,
      macs: totals.macs,
      params: totals.params,
      rewritten: run.rewritten[appIndex]!,
      dtype: dtypeLabel(graphs[appIndex]!),
      subgraphs: subgraphCount(apps[appIndex]!.planned),
      memory_bytes: residentBytes(
        graphs[appIndex]!,
        apps[appIndex]!.planned,
        (target) => catalog.target(target).kind !== "cpu",
      ),
      threads: catalog.cpuThreads(appIndex),
      ...(reuse !== undefined && { reuse }),
      ...(Object.keys(spec.what_if.unavailable ?? {}).length > 0 && {
        failed_invocations: runtime.failedInvocations[appIndex]!,
      }),
    };
  });
  const alone = aloneLatencyNs(scenario);
  const tenants = recorder.tallies.map((tally, appIndex) => ({
    sharedNs: tally.completed === 0 ? null : tally.latency.meanNs,
    aloneNs: alone[appIndex]!,
  }));
  const result: RunResult = {
    scheduler: choice.name,
    label: choice.label,
    params: choice.params,
    framework: run.framework,
    gpu_memory: run.gpuMemory,
    scheduling: {
      planning_ms: run.planningNs / 1e6,
      decisions: runtime.counts.decisions,
      decision_cpu_ms: runtime.counts.decisionCpuNs / 1e6,
    },
    models,
    processors: stats.processors,
    energy_j: stats.energyJ,
    energy_breakdown_j: ledger.breakdown(stats),
    avg_power_w: stats.energyJ / windowSeconds,
    max_skin_temp_c: stats.maxSkinTempC,
    external_heat_j: stats.externalHeatJ,
    ...multiTenantFigures(tenants),
    ui: ui === null ? null : ui.summary(),
    events,
  };
  return {
    result,
    opExecutions: runtime.opExecutions,
    ...(sinks.series && { series: sinks.series.finish(choice.label, recorder.tallies) }),
    graphs,
    supports: (appIndex, opId, target) => catalog.supports(appIndex, opId, target),
  };
}
