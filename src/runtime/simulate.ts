import { RandomStreams, Simulator, secondsToNs } from "../core/index.ts";
import type { ModelResult, RunResult } from "../metrics/results.ts";
import type { LoadedScenario } from "../scenario/load-scenario.ts";
import { makeArrivalProcess } from "../workload/arrivals.ts";

export interface SchedulerChoice {
  readonly name: string;
  readonly params: Record<string, unknown>;
}

/**
 * One scheduler's run of a scenario. Until the device and runtime land this
 * only plays the arrivals through the kernel: every reported request is
 * still in flight, which keeps the accounting identity true.
 */
export function simulateRun(
  scenario: LoadedScenario,
  scheduler: SchedulerChoice,
  seed: number,
): RunResult {
  const simulator = new Simulator();
  const streams = new RandomStreams(seed);
  const warmupNs = secondsToNs(scenario.spec.warmup);
  const endNs = secondsToNs(scenario.spec.duration);
  const counts = scenario.workload.apps.map(() => 0);
  scenario.workload.apps.forEach((app, index) => {
    const arrivals = makeArrivalProcess(
      app.arrival,
      streams.stream(`arrivals/${app.name}`),
      scenario.traces.get(app.name),
    );
    const onArrival = (time: number): void => {
      if (time >= warmupNs) counts[index]!++;
      const next = arrivals.next();
      if (next <= endNs) simulator.at(next, onArrival);
    };
    const first = arrivals.next();
    if (first <= endNs) simulator.at(first, onArrival);
  });
  const outcome = simulator.run({ until: endNs });
  const models: ModelResult[] = scenario.workload.apps.map((app, index) => ({
    app: app.name,
    model: app.model,
    requests: counts[index]!,
    completed: 0,
    dropped: 0,
    in_flight: counts[index]!,
    latency_ms: { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 },
    throughput_fps: 0,
    slo_ms: app.slo === undefined ? null : app.slo * 1000,
    slo_violation_rate: null,
    energy_per_inference_mj: 0,
    fallback_ops: 0,
  }));
  return {
    scheduler: scheduler.name,
    params: scheduler.params,
    models,
    processors: [],
    energy_j: 0,
    avg_power_w: 0,
    max_skin_temp_c: scenario.spec.what_if.ambient,
    antt: 0,
    stp: 0,
    fairness: 0,
    ui: null,
    events: outcome.events,
  };
}
