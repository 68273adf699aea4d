import { describe, expect, it } from "vitest";
import { z } from "zod";
import { profileModel } from "../../src/device/index.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { runExperiment } from "../../src/scenario/experiment.ts";
import type { ResolvedScheduler } from "../../src/scenario/load-scenario.ts";
import { type Decision, definePolicy, type Scheduler, wholeUnit } from "../../src/sched/index.ts";
import { tinyScenario } from "../runtime/helpers.ts";

/** A policy that plans every model whole on the CPU and answers every ready unit with `decide`. */
function cpuPolicy(id: string, decide: Scheduler["decide"]): Scheduler {
  return {
    id,
    plan: (app) => ({
      units: [
        wholeUnit(
          0,
          app.graph.ops.map((op) => op.id),
          "cpu",
        ),
      ],
      fallbackOps: 0,
    }),
    decide,
  };
}

function wholeOnCpu(id: string, decide: Scheduler["decide"]): ResolvedScheduler {
  const policy = cpuPolicy(id, decide);
  return { name: id, label: id, params: {}, factory: () => policy };
}

const dropEverything = wholeOnCpu("drop-everything", (view) =>
  view.ready.map((ready): Decision => ({ kind: "drop", requestId: ready.requestId })),
);
/** Never starts a request; its stall limit lies past the run, so the run ends with every request waiting. */
const startNothing: ResolvedScheduler = {
  name: "start-nothing",
  label: "start-nothing",
  params: {},
  factory: definePolicy({
    id: "start-nothing",
    params: z.object({}),
    stallAfterNs: 10e9,
    create: () => cpuPolicy("start-nothing", () => []),
  }),
};

describe("run-level accounting", () => {
  it("gives a policy that drops everything SLO miss 1, null latency and energy per inference, and null ANTT, STP and fairness", async () => {
    const scenario = await tinyScenario({
      apps: [
        { model: "mobilenet-v2", fps: 20, slo: 50 },
        { model: "resnet18", fps: 10, slo: 100 },
      ],
      schedulers: ["single-cpu"],
    });
    const { result } = simulateRun(scenario, dropEverything, 1);
    for (const model of result.models) {
      expect(model.requests).toBeGreaterThan(0);
      expect(model.dropped).toBe(model.requests);
      expect(model.slo_violation_rate).toBe(1);
      expect(model.latency_ms.mean).toBeNull();
      expect(model.latency_ms.p99).toBeNull();
      expect(model.energy_per_inference_mj).toBeNull();
    }
    expect([result.antt, result.stp, result.fairness]).toEqual([null, null, null]);
  });

  it("counts requests still waiting past their deadline at the end as SLO misses, and no arrival at the end instant", async () => {
    // 10 fps over 200 ms .. 1.2 s: arrivals at 0.2, 0.3, .., 1.1 s (not 1.2 s); with a
    // 250 ms SLO, the 8 before 0.95 s are late at the end, the 2 after have no outcome yet.
    const scenario = await tinyScenario({
      apps: [{ model: "mobilenet-v2", fps: 10, slo: 250 }],
      schedulers: ["single-cpu"],
      durationS: 1.2,
    });
    const { result } = simulateRun(scenario, startNothing, 1);
    const model = result.models[0]!;
    expect(model).toMatchObject({ requests: 10, completed: 0, dropped: 0, in_flight: 10 });
    expect(model.slo_violation_rate).toBe(1);
    expect(result.antt).toBeNull();
  });

  it("measures every policy against the same baseline: each model alone on its fastest processor, as profile prices it", async () => {
    const scenario = await tinyScenario({
      apps: [
        { model: "mobilenet-v2", fps: 10 },
        { model: "resnet18", fps: 5 },
      ],
      schedulers: ["single-cpu", "single-gpu"],
    });
    const alone = scenario.graphs.map((graph) =>
      Math.min(...profileModel(graph, scenario.soc).processors.map((p) => p.latency_ms)),
    );
    const { results } = runExperiment(scenario, { seed: 1, trace: false });
    for (const run of results.runs) {
      const slowdowns = run.models.map((model, index) => model.latency_ms.mean! / alone[index]!);
      const expected = slowdowns.reduce((sum, s) => sum + s, 0) / slowdowns.length;
      expect(run.antt! / expected).toBeCloseTo(1, 9);
      expect(run.stp! / slowdowns.reduce((sum, s) => sum + 1 / s, 0)).toBeCloseTo(1, 9);
    }
  });
});
