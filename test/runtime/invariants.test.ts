import { describe, expect, it } from "vitest";
import { type Graph, ModelBuilder } from "../../src/graph/index.ts";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { PolicyError } from "../../src/runtime/runtime.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import type { Scheduler } from "../../src/sched/index.ts";
import {
  accountingViolations,
  capacityViolations,
  dependencyViolations,
  energyViolations,
  placementViolations,
} from "../../src/testing/invariants.ts";
import { tinyScenario } from "./helpers.ts";

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
    const parts = { apps: 0.5, incomplete: 0, scheduling: 0, ui: 0, competing: 0, idle: 0 };
    const adding = (platform: number) => ({
      ...results,
      runs: [{ ...run, processors: [], energy_breakdown_j: { ...parts, platform } }],
    });
    expect(energyViolations(adding(0.5))).toEqual([]);
    // Parts that fall short of the total, and a negative part.
    expect(energyViolations(adding(0.4))).toHaveLength(1);
    expect(energyViolations(adding(-0.1))).toHaveLength(2);
  });

  it("placement: an op on a processor the support table refuses", () => {
    const apps = new Map([["a", 0]]);
    const onDsp = {
      ...execution("dsp", 0, 0, 10, 5),
      tag: { app: "a", request: 0, name: "op5", op: 5 },
    };
    const supports = (_app: number, opId: number, processor: string) =>
      processor !== "dsp" || opId !== 5;
    expect(placementViolations([onDsp], apps, supports)).toHaveLength(1);
    expect(placementViolations([{ ...onDsp, processor: "gpu" }], apps, supports)).toEqual([]);
  });

  it("dependencies: a row slice may read its own producer's slice before the other slice ends", () => {
    const graphs = new Map([["a", chain()]]);
    const run = (processor: string, op: number, start: number, end: number): Execution => ({
      ...execution(processor, 0, start, end, op),
      tag: { app: "a", request: 0, name: `op${op}`, op },
    });
    // op 1 reads op 0; the GPU slice of both ends before the CPU slice of op 0.
    const sliced = [run("gpu", 0, 0, 10), run("gpu", 1, 10, 20), run("cpu-big", 0, 0, 30)];
    expect(dependencyViolations(sliced, graphs)).toEqual([]);
    // Run elsewhere, op 1 waits for every run of op 0.
    expect(dependencyViolations([...sliced, run("dsp", 1, 25, 40)], graphs)).toHaveLength(1);
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

/** Two ops, the second reading the first. */
function chain(): Graph {
  const builder = new ModelBuilder("chain", "fp32");
  const input = builder.input("x", [1, 4, 8, 8]);
  const first = builder.op("relu", "op0", [input]);
  builder.op("relu", "op1", [first]);
  return builder.build();
}
