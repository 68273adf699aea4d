import { describe, expect, it } from "vitest";
import { PolicyError } from "../../src/runtime/policy-error.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { SCHEDULERS, type Scheduler, type SchedulerView } from "../../src/sched/index.ts";
import { tinyScenario } from "../runtime/helpers.ts";

/** single-cpu's decisions, with `probe` handling every view once they are made. */
function probing(probe: (view: SchedulerView) => void) {
  const singleCpu = SCHEDULERS.get("single-cpu") as (params: object) => {
    plan: unknown;
    decide: (view: SchedulerView) => unknown;
  };
  return {
    name: "probe",
    label: "probe",
    params: {},
    factory: () => {
      const inner = singleCpu({});
      return {
        id: "probe",
        plan: inner.plan,
        decide: (view: SchedulerView) => {
          const decisions = inner.decide(view);
          probe(view);
          return decisions;
        },
      };
    },
  } as Parameters<typeof simulateRun>[1];
}

async function runProbing(probe: (view: SchedulerView) => void) {
  const scenario = await tinyScenario({
    apps: [{ model: "mobilenet-v2", fps: 20 }],
    schedulers: ["single-cpu"],
    durationS: 0.3,
  });
  return simulateRun(scenario, probing(probe), 1);
}

describe("the view a decide call gets", () => {
  it("holds the processors of the call's instant, the same copy however often it is read", async () => {
    let calls = 0;
    await runProbing((view) => {
      const first = view.processors;
      expect(view.processors).toBe(first);
      expect(first.map((p) => p.id)).toContain("gpu");
      for (const p of first) expect(p.busyFraction).toBeGreaterThanOrEqual(0);
      calls++;
    });
    expect(calls).toBeGreaterThan(5);
  });

  it("is a copy: what a policy does to its lists does not reach the runtime", async () => {
    const mutated = await runProbing((view) => {
      (view.ready as unknown[]).length = 0;
      (view.runningRequests as number[]).fill(99);
    });
    const plain = await runProbing(() => {});
    expect(mutated.result.models[0]!.completed).toBe(plain.result.models[0]!.completed);
  });

  it("refuses writes to the runtime's own data as a policy error: a ready entry, its unit, the profiler", async () => {
    const writes: [string, (view: SchedulerView) => void][] = [
      ["a unit's op list", (view) => ((view.ready[0]!.unit.ops as number[]).length = 0)],
      [
        "a unit's slice",
        (view) =>
          ((view.ready[0]!.unit.options[0]!.slices[0] as { target: string }).target = "tpu"),
      ],
      [
        "a ready entry",
        (view) => ((view.ready[0] as { unit: unknown }).unit = { id: 0, ops: [], options: [] }),
      ],
      ["the profiler", (view) => ((view.profiler as { predictNs: unknown }).predictNs = () => 0)],
    ];
    for (const [what, write] of writes) {
      const run = runProbing(write);
      await expect(run, what).rejects.toBeInstanceOf(PolicyError);
      await expect(run, what).rejects.toThrow(/threw: Cannot (assign|add|delete)/);
    }
  });

  it("hands plan a frozen model: a policy that tries to cut it changes nothing for the runs after it", async () => {
    const plain = await runProbing(() => {});
    const refusals: string[] = [];
    const singleCpu = SCHEDULERS.get("single-cpu") as (params: object) => Scheduler;
    const cutting: Parameters<typeof simulateRun>[1] = {
      name: "cutting",
      label: "cutting",
      params: {},
      factory: () => {
        const inner = singleCpu({});
        return {
          ...inner,
          plan: (app) => {
            const cuts = [
              () => (app.graph.ops as unknown[]).splice(1),
              () => ((app.apps[0]!.graph.ops[0] as { name: string }).name = "x"),
              () => ((app.apps[0]!.arrival as { fps: number }).fps = 1000),
            ];
            for (const cut of cuts) {
              try {
                cut();
              } catch (error) {
                refusals.push((error as Error).constructor.name);
              }
            }
            return inner.plan(app);
          },
        };
      },
    };
    const scenario = await tinyScenario({
      apps: [{ model: "mobilenet-v2", fps: 20 }],
      schedulers: ["single-cpu"],
      durationS: 0.3,
    });
    await simulateRun(scenario, cutting, 1);
    expect(refusals).toEqual(["TypeError", "TypeError", "TypeError"]);
    const after = await runProbing(() => {});
    expect(after.result.models).toEqual(plain.result.models);
  });

  it("refuses a first read of the processors after the call returned", async () => {
    let kept: SchedulerView | undefined;
    await expect(
      runProbing((view) => {
        if (kept !== undefined) void kept.processors;
        kept = view;
      }),
    ).rejects.toThrow(PolicyError);
  });
});
