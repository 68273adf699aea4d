import { profileModel, sharedAloneLatency } from "../device/index.ts";
import type { RunScenario } from "./run-spec.ts";

/**
 * Each app's latency alone, the baseline of ANTT, STP and fairness: one
 * inference of its model on its fastest single processor under the run's
 * framework, as `socsim profile` prices it. It depends on the scenario only,
 * so every policy compared is measured against the same baseline (a policy's
 * own plan prediction would let a slow plan excuse its own slowness).
 */
const cache = new WeakMap<RunScenario, readonly number[]>();

export function aloneLatencyNs(scenario: RunScenario): readonly number[] {
  let alone = cache.get(scenario);
  if (alone === undefined) {
    const { soc } = scenario;
    const framework = scenario.spec.framework ?? soc.default_framework;
    alone = scenario.graphs.map((graph, appIndex) => {
      const threads = scenario.workload.apps[appIndex]!.threads;
      return sharedAloneLatency(soc, graph, `${framework}/${threads ?? ""}`, () => {
        const { processors } = profileModel(graph, soc, {
          framework,
          ...(threads === undefined ? {} : { threads }),
        });
        return Math.min(...processors.map((processor) => processor.latency_ms)) * 1e6;
      });
    });
    cache.set(scenario, alone);
  }
  return alone;
}
