import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { PolicyError } from "../../src/runtime/runtime.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { runExperiment } from "../../src/scenario/experiment.ts";
import type { Scheduler } from "../../src/sched/index.ts";
import {
  accountingViolations,
  capacityViolations,
  dependencyViolations,
  energyViolations,
} from "../../src/testing/invariants.ts";
import { tinyScenario } from "./helpers.ts";

const MODELS = ["mobilenet-v2", "resnet18", "mobilenet-v1", "retinaface-mobilenet0.25"];
const POLICIES = ["single-cpu", "single-gpu", "single-dsp"];

describe("runtime invariants on random scenarios", () => {
  it("never over-books a processor, never runs an op before its inputs, accounts for every request, keeps energy sound", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ model: fc.constantFrom(...MODELS), fps: fc.integer({ min: 1, max: 40 }) }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        fc.constantFrom(...POLICIES),
        fc.boolean(),
        fc.nat({ max: 1000 }),
        async (apps, policy, busy, seed) => {
          const scenario = await tinyScenario({
            apps,
            schedulers: [policy],
            ui: busy,
            competing: busy,
            seed,
            durationS: 1,
          });
          const executions: Execution[] = [];
          const { result } = simulateRun(scenario, scenario.schedulers[0]!, seed, {
            onExecution: (e) => executions.push(e),
          });
          const graphs = new Map(
            scenario.workload.apps.map((app, i) => [app.name, scenario.graphs[i]!]),
          );
          const results = {
            socsim: "",
            scenario: "",
            seed,
            soc: "",
            simulated_s: 0,
            runs: [result],
          };
          expect(capacityViolations(executions)).toEqual([]);
          expect(dependencyViolations(executions, graphs)).toEqual([]);
          expect(accountingViolations(results)).toEqual([]);
          expect(energyViolations(results)).toEqual([]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("gives byte-identical results for the same seed", async () => {
    const scenario = await tinyScenario({
      apps: [
        { model: "resnet18", fps: 20 },
        { model: "mobilenet-v2", fps: 30 },
      ],
      schedulers: ["single-gpu", "single-cpu"],
      ui: true,
      competing: true,
    });
    const run = () => JSON.stringify(runExperiment(scenario, { seed: 9, trace: false }).results);
    expect(run()).toBe(run());
  });
});

describe("each checker catches what it is for", () => {
  const execution = (
    processor: string,
    lane: number,
    startNs: number,
    endNs: number,
    op = -1,
  ): Execution => ({
    processor,
    lane,
    capacity: 1,
    startNs,
    endNs,
    tag: { app: "a", request: 0, name: `op${op}`, op },
    transfer: false,
  });

  it("capacity: two kernels at once on one GPU queue", () => {
    expect(
      capacityViolations([execution("gpu", 0, 0, 10), execution("gpu", 0, 5, 15)]),
    ).not.toEqual([]);
    expect(capacityViolations([execution("gpu", 0, 0, 10), execution("gpu", 0, 10, 15)])).toEqual(
      [],
    );
  });

  it("dependencies: a broken policy whose unit lists ops backwards", async () => {
    const scenario = await tinyScenario({
      apps: [{ model: "mobilenet-v2", fps: 5 }],
      schedulers: ["single-cpu"],
    });
    const backwards = oneUnitPolicy("backwards", "cpu", true);
    const executions: Execution[] = [];
    simulateRun(
      scenario,
      { name: "backwards", label: "backwards", params: {}, factory: () => backwards },
      1,
      {
        onExecution: (e) => executions.push(e),
      },
    );
    const graphs = new Map([["app0", scenario.graphs[0]!]]);
    expect(dependencyViolations(executions, graphs).length).toBeGreaterThan(0);
  });

  it("accounting and energy: a result that loses a request or invents energy", () => {
    const model = {
      app: "a",
      model: "m",
      requests: 5,
      completed: 3,
      dropped: 1,
      in_flight: 0,
      latency_ms: { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 },
      throughput_fps: 0,
      slo_ms: null,
      slo_violation_rate: null,
      energy_per_inference_mj: 0,
      fallback_ops: 0,
    };
    const processor = {
      id: "gpu",
      kind: "gpu",
      utilization: 0,
      busy_s: 0,
      energy_j: 2,
      mean_freq_hz: 0,
      max_temp_c: 0,
      throttled_s: 0,
    };
    const run = {
      scheduler: "broken",
      label: "broken",
      params: {},
      models: [model],
      processors: [processor],
      energy_j: 1,
      avg_power_w: 0,
      max_skin_temp_c: 0,
      external_heat_j: 0,
      antt: 0,
      stp: 0,
      fairness: 0,
      ui: null,
      events: 0,
    };
    const results = { socsim: "", scenario: "", seed: 0, soc: "", simulated_s: 0, runs: [run] };
    expect(accountingViolations(results)).toHaveLength(1);
    expect(energyViolations(results)).toHaveLength(1);
  });

  it("refuses a policy that places an op where it cannot run", async () => {
    const scenario = await tinyScenario({
      apps: [{ model: "mobilenet-v2", fps: 5 }],
      schedulers: ["single-cpu"],
    });
    const reckless = oneUnitPolicy("reckless", "dsp", false);
    expect(() =>
      simulateRun(
        scenario,
        { name: "reckless", label: "reckless", params: {}, factory: () => reckless },
        1,
      ),
    ).toThrow(PolicyError);
  });
});

/** A deliberately broken policy: the whole model as one unit on `target`, its ops optionally listed backwards. */
function oneUnitPolicy(id: string, target: string, backwards: boolean): Scheduler {
  return {
    id,
    plan: (app) => {
      const ops = app.graph.ops.map((op) => op.id);
      return {
        units: [
          {
            id: 0,
            ops: backwards ? ops.reverse() : ops,
            options: [{ slices: [{ target, share: 1 }] }],
          },
        ],
        fallbackOps: 0,
      };
    },
    decide: (view) =>
      view.ready.map((r) => ({
        kind: "run",
        requestId: r.requestId,
        unitId: r.unit.id,
        option: 0,
      })),
  };
}
