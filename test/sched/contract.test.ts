import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PlanRefusedError, PolicyError } from "../../src/runtime/policy-error.ts";
import type { RunPolicy } from "../../src/runtime/run-spec.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import {
  definePolicy,
  type Policy,
  type Scheduler,
  type SchedulerView,
  wholeUnit,
} from "../../src/sched/index.ts";
import { tinyScenario } from "../runtime/helpers.ts";

/** One unit per model on the whole CPU; `decide` is the test's. */
function cpuPolicy(decide: Policy["decide"]): RunPolicy {
  const definition = definePolicy({
    id: "probe",
    params: z.object({}),
    // Shorter than the run, so that a stall shows within it.
    stallAfterNs: 100_000_000,
    create: () => ({
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
    }),
  });
  return { name: "probe", label: "probe", params: {}, factory: definition };
}

async function runWith(policy: RunPolicy) {
  const scenario = await tinyScenario({
    apps: [{ model: "mobilenet-v2", fps: 10 }],
    schedulers: ["single-cpu"],
    durationS: 0.5,
  });
  return simulateRun(scenario, policy, 1);
}

const runAll: Policy["decide"] = (view) =>
  view.ready.map((ready) => ({
    kind: "run" as const,
    requestId: ready.requestId,
    unitId: ready.unit.id,
    option: 0,
  }));

describe("policy contract v2", () => {
  it("runs a version-2 policy and reports what its decisions cost", async () => {
    const { result } = await runWith(cpuPolicy(runAll));
    expect(result.models[0]!.completed).toBeGreaterThan(0);
    expect(result.scheduling?.decisions).toBeGreaterThan(0);
    expect(result.framework).toBe("mace");
  });

  it("keeps running a version-1 factory", async () => {
    const v1: Scheduler = {
      id: "v1",
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
      decide: runAll,
    };
    const { result } = await runWith({ name: "v1", label: "v1", params: {}, factory: () => v1 });
    expect(result.models[0]!.completed).toBeGreaterThan(0);
  });

  it("refuses a plan naming an op the model has not, naming it", async () => {
    const strayOp = definePolicy({
      id: "stray",
      params: z.strictObject({}),
      create: () => ({
        plan: () => ({ units: [wholeUnit(0, ["zz" as unknown as number], "cpu")], fallbackOps: 0 }),
        decide: runAll,
      }),
    });
    await expect(
      runWith({ name: "stray", label: "stray", params: {}, factory: strayOp }),
    ).rejects.toThrow(/unit 0 names op "zz", which the model has not/);
  });

  it("refuses at planning a plan naming a target the run lacks, naming it and the run's targets", async () => {
    const npu = definePolicy({
      id: "npu-less",
      params: z.strictObject({}),
      create: () => ({
        plan: (app) => ({
          units: [
            wholeUnit(
              0,
              app.graph.ops.map((op) => op.id),
              "npu",
            ),
          ],
          fallbackOps: 0,
        }),
        decide: runAll,
      }),
    });
    await expect(
      runWith({ name: "npu-less", label: "npu-less", params: {}, factory: npu }),
    ).rejects.toThrow(
      /its plan names target "npu", which the run lacks \(it has cpu, .*gpu, dsp\)/,
    );
  });

  const badPlans: [string, unknown, RegExp][] = [
    ["null", null, /returned null, not a plan/],
    [
      "NaN fallbackOps",
      { fallbackOps: Number.NaN },
      /fallbackOps is NaN \(it must be a non-negative integer\)/,
    ],
    ["negative fallbackOps", { fallbackOps: -3 }, /fallbackOps is -3 /],
    ["string fallbackOps", { fallbackOps: "abc" }, /fallbackOps is "abc" /],
    ["fractional fallbackOps", { fallbackOps: 2.5 }, /fallbackOps is 2.5 /],
    ["missing fallbackOps", { fallbackOps: undefined }, /fallbackOps is undefined /],
  ];
  for (const [what, plan, message] of badPlans) {
    it(`refuses a plan with ${what} as a policy error (not a scenario it cannot plan)`, async () => {
      const definition = definePolicy({
        id: "bad-plan",
        params: z.strictObject({}),
        create: () => ({
          plan: (app) =>
            (plan === null
              ? null
              : {
                  units: [
                    wholeUnit(
                      0,
                      app.graph.ops.map((op) => op.id),
                      "cpu",
                    ),
                  ],
                  ...(plan as object),
                }) as never,
          decide: runAll,
        }),
      });
      const run = runWith({ name: "bad-plan", label: "bad-plan", params: {}, factory: definition });
      await expect(run).rejects.toSatisfy(
        (error) => error instanceof PolicyError && !(error instanceof PlanRefusedError),
      );
      await expect(run).rejects.toThrow(message);
      await expect(run).rejects.toThrow(/^bad-plan at 0 ms planning app "app0" /);
    });
  }

  const broken: [string, Policy["decide"], RegExp][] = [
    [
      "shares that do not sum to 1",
      (view) =>
        view.ready.length === 0
          ? []
          : [{ kind: "run", requestId: view.ready[0]!.requestId, unitId: 0, option: 1 }],
      /option 1 of a unit with 1/,
    ],
    [
      "an unknown kind",
      (view) => view.ready.map((r) => ({ kind: "go", requestId: r.requestId }) as never),
      /unknown kind "go"/,
    ],
    ["a result that is not a list", () => 42 as never, /not a list/],
    [
      "an exception",
      () => {
        throw new Error("boom");
      },
      /threw: boom/,
    ],
    ["never deciding (a stall)", () => [], /stalled/],
    [
      "a decision whose getter throws",
      (view) =>
        view.ready.map(() => ({
          get kind(): "drop" {
            throw new Error("getter boom");
          },
          requestId: 0,
        })),
      /threw: getter boom \(reading decision 0\)/,
    ],
    [
      "a thrown value that cannot be printed",
      () => {
        throw {
          toString() {
            throw new Error("toString boom");
          },
        };
      },
      /threw: \{\}/,
    ],
    ...(
      [
        [
          "a transfer to a target the run lacks",
          (view) => view.profiler.transferNs("cpu", "tpu", 8),
          /threw: view\.profiler\.transferNs: no target "tpu" in this run \(it has cpu, /,
        ],
        [
          "a transfer of negative bytes",
          (view) => view.profiler.transferNs("cpu", "gpu", -5),
          /transferNs: bytes must be a finite number >= 0, got -5/,
        ],
        [
          "a transfer of NaN bytes",
          (view) => view.profiler.transferNs("cpu", "gpu", Number.NaN),
          /got NaN/,
        ],
        [
          "a prediction for an app the run lacks",
          (view) => view.profiler.predictNs(99, view.ready[0]!.unit, 0),
          /threw: view\.profiler\.predictNs: app 99 is not an app of this run \(0\.\.0\)/,
        ],
        [
          "a prediction for something that is no unit",
          (view) => view.profiler.offlineNs(0, 99 as never, 0),
          /offlineNs: 99 is not a unit of app 0's plan/,
        ],
        [
          "a prediction for an option the unit lacks",
          (view) => view.profiler.predictNs(0, view.ready[0]!.unit, 5),
          /predictNs: unit 0 has no option 5 \(it has 1\)/,
        ],
      ] as [string, (view: SchedulerView) => number, RegExp][]
    ).map(([what, ask, message]): [string, Policy["decide"], RegExp] => [
      `${what} (the profiler throws)`,
      (view) => {
        if (view.ready.length > 0) ask(view);
        return [];
      },
      message,
    ]),
    [
      "an async decide",
      (async () => []) as unknown as Policy["decide"],
      /decide returned a Promise: decide must be synchronous/,
    ],
  ];
  for (const [what, decide, message] of broken) {
    it(`refuses ${what} as a policy error naming the policy and the time`, async () => {
      const run = runWith(cpuPolicy(decide));
      await expect(run).rejects.toBeInstanceOf(PolicyError);
      await expect(run).rejects.toHaveProperty("name", "PolicyError");
      await expect(run).rejects.toThrow(message);
      await expect(run).rejects.toThrow(/^probe at \d/);
    });
  }
});
