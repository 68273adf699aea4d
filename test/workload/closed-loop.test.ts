import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { SCHEDULERS } from "../../src/sched/index.ts";
import type { ArrivalSketch } from "../../src/testing/arbitraries/scenario.ts";
import { runScenarioOf } from "../../src/testing/scenario-sketch.ts";
import { workloadSchema } from "../../src/workload/workload-schema.ts";

function closedRun(arrival: ArrivalSketch, maxQueue = 4) {
  const scenario = runScenarioOf({
    soc: "snapdragon-855",
    apps: [{ model: "mobilenet-v1", arrival, maxQueue }],
    ui: false,
    competing: false,
    durationS: 1,
    seed: 1,
  });
  const executions: Execution[] = [];
  const choice = {
    name: "single-gpu",
    label: "single-gpu",
    params: {},
    factory: SCHEDULERS.get("single-gpu"),
  };
  const { result } = simulateRun(scenario, choice, 1, {
    onExecution: (execution) => executions.push(execution),
  });
  // Each request's span: its first job's start to its last job's end.
  const spans = new Map<number, { start: number; end: number }>();
  for (const e of executions) {
    if (e.tag.request < 0) continue;
    const span = spans.get(e.tag.request);
    if (span === undefined) spans.set(e.tag.request, { start: e.startNs, end: e.endNs });
    else span.end = Math.max(span.end, e.endNs);
  }
  return { model: result.models[0]!, spans: [...spans.values()] };
}

describe("closed-loop arrivals", () => {
  it("with one outstanding request and no think time, requests never overlap and throughput is 1 / latency", () => {
    const { model, spans } = closedRun({ process: "closed", outstanding: 1, think: 0 });
    expect(spans.length).toBeGreaterThan(20);
    spans.sort((a, b) => a.start - b.start);
    for (let index = 1; index < spans.length; index++)
      expect(spans[index]!.start).toBeGreaterThanOrEqual(spans[index - 1]!.end);
    expect(model.dropped).toBe(0);
    const perLatency = 1000 / model.latency_ms.mean!;
    expect(Math.abs(model.throughput_fps - perLatency) / perLatency).toBeLessThan(0.05);
  });

  it("keeps N requests in the system and waits the think time after each", () => {
    const busy = closedRun({ process: "closed", outstanding: 2, think: 0 }).model;
    const thinking = closedRun({ process: "closed", outstanding: 1, think: 0.02 }).model;
    const alone = closedRun({ process: "closed", outstanding: 1, think: 0 }).model;
    // Two in the system: one waits while the other runs.
    expect(busy.latency_ms.mean).toBeGreaterThan(1.5 * alone.latency_ms.mean!);
    const cycle = thinking.latency_ms.mean! + 20;
    expect(Math.abs(thinking.throughput_fps - 1000 / cycle) / (1000 / cycle)).toBeLessThan(0.1);
  });

  it("refuses more outstanding requests than the app's queue holds", () => {
    const parsed = workloadSchema.safeParse({
      kind: "workload",
      name: "w",
      apps: [
        {
          name: "a",
          model: "mobilenet-v1",
          arrival: { process: "closed", outstanding: 3 },
          max_queue: 2,
        },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["apps", 0, "arrival", "outstanding"]);
  });
});

describe("a closed loop whose requests end at once", () => {
  it("stops with an error naming the app instead of spinning in one instant", () => {
    const scenario = runScenarioOf({
      soc: "snapdragon-855",
      apps: [
        {
          model: "mobilenet-v1",
          arrival: { process: "closed", outstanding: 1, think: 0 },
          maxQueue: 1,
        },
      ],
      ui: false,
      competing: false,
      durationS: 0.1,
      seed: 1,
    });
    const dropAll = {
      name: "drop-all",
      label: "drop-all",
      params: {},
      factory: () => ({
        id: "drop-all",
        plan: (app: { graph: { ops: readonly { id: number }[] } }) => ({
          units: [
            {
              id: 0,
              ops: app.graph.ops.map((op) => op.id),
              options: [{ slices: [{ target: "cpu", share: 1 }] }],
            },
          ],
          fallbackOps: 0,
        }),
        decide: (view: { ready: readonly { requestId: number }[] }) =>
          view.ready.map((ready) => ({ kind: "drop" as const, requestId: ready.requestId })),
      }),
    } as unknown as Parameters<typeof simulateRun>[1];
    expect(() => simulateRun(scenario, dropAll, 1)).toThrow(/closed loop of app app0/);
  });
});
