import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Execution } from "../../src/runtime/device-adapter.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { definePolicy, SCHEDULERS, wholeUnit } from "../../src/sched/index.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-unavailable-"));
let counter = 0;

/** A model (MobileNet-v2 unless named) at 20 fps on the Snapdragon 855 under a framework (TFLite: one GPU partition), 1 s. */
async function scenario(whatIf: string, model = "mobilenet-v2", framework = "tflite") {
  const id = counter++;
  writeFileSync(
    join(folder, `w${id}.yaml`),
    `kind: workload\nname: w\napps:\n  - name: a\n    model: ${model}\n    dtype: fp16\n    arrival: { process: periodic, fps: 20 }\n`,
  );
  writeFileSync(
    join(folder, `s${id}.yaml`),
    `kind: scenario\nname: s\nsoc: snapdragon-855\nframework: ${framework}\nworkload: w${id}.yaml\n` +
      `schedulers: [single-gpu]\nduration: 1 s\nseed: 1\n${whatIf}`,
  );
  return loadScenario(join(folder, `s${id}.yaml`));
}

function runSingleGpu(loaded: Awaited<ReturnType<typeof scenario>>) {
  const executions: Execution[] = [];
  const policy = {
    name: "single-gpu",
    label: "single-gpu",
    params: {},
    factory: SCHEDULERS.get("single-gpu"),
  };
  const { result } = simulateRun(loaded, policy, 1, {
    onExecution: (execution) => executions.push({ ...execution, tag: { ...execution.tag } }),
  });
  return { result, executions };
}

/** Per request, the processors its kernels ran on. */
function processorsPerRequest(executions: readonly Execution[]): Map<number, Set<string>> {
  const perRequest = new Map<number, Set<string>>();
  for (const execution of executions) {
    if (execution.transfer || execution.tag.request < 0) continue;
    const set = perRequest.get(execution.tag.request) ?? new Set<string>();
    set.add(execution.processor);
    perRequest.set(execution.tag.request, set);
  }
  return perRequest;
}

describe("what_if.unavailable: delegate invocations fail in a window", () => {
  it("single-gpu's requests starting in the window fall back to the CPU (TFLite's invoke with CPU fallback), one failed invocation each; the others run on the GPU; none is lost", async () => {
    const { result, executions } = runSingleGpu(
      await scenario("what_if:\n  unavailable: { gpu: [[200 ms, 400 ms], [700 ms, 800 ms]] }\n"),
    );
    const [model] = result.models;
    const inWindow = (ns: number) => (ns >= 200e6 && ns < 400e6) || (ns >= 700e6 && ns < 800e6);
    const firstKernel = new Map<number, number>();
    for (const e of executions)
      if (!e.transfer && e.tag.request >= 0 && !firstKernel.has(e.tag.request))
        firstKernel.set(e.tag.request, e.startNs);
    const perRequest = processorsPerRequest(executions);
    let fellBack = 0;
    for (const [request, processors] of perRequest) {
      const started = firstKernel.get(request)!;
      if (inWindow(started)) {
        fellBack++;
        expect([...processors].includes("gpu")).toBe(false);
      } else {
        expect([...processors]).toEqual(["gpu"]);
      }
    }
    // 20 fps: four arrivals in the first window, two in the second.
    expect(fellBack).toBe(6);
    expect(model!.failed_invocations).toBe(6);
    expect(model!.completed + model!.in_flight).toBe(model!.requests);
  });

  it("refuses a policy that replans a failed unit onto the same target in the same instant (it would fail forever)", async () => {
    const stubborn = definePolicy({
      id: "stubborn",
      params: z.strictObject({}),
      onDelegateFailure: "replan",
      create: () => ({
        plan: (app) => ({
          units: [
            wholeUnit(
              0,
              app.graph.ops.map((op) => op.id),
              "gpu",
            ),
          ],
          fallbackOps: 0,
        }),
        decide: (view) =>
          view.ready.map((ready) => ({
            kind: "run" as const,
            requestId: ready.requestId,
            unitId: ready.unit.id,
            option: 0,
          })),
      }),
    });
    const loaded = await scenario("what_if:\n  unavailable: { gpu: [200 ms, 400 ms] }\n");
    const policy = { name: "stubborn", label: "stubborn", params: {}, factory: stubborn };
    expect(() => simulateRun(loaded, policy, 1)).toThrow(
      /placed unit 0 of request \d+ on gpu again at the instant its delegate failed there/,
    );
  });

  it("co-execution policies fall back unit by unit: parallel branches failing in one instant are not a policy error", async () => {
    // Inception-v3's branches put several units on the GPU at the same instant.
    const loaded = await scenario(
      "what_if:\n  unavailable: { gpu: [500 ms, 700 ms] }\n",
      "inception-v3",
      "mace",
    );
    for (const name of ["mulayer", "codl"]) {
      const policy = { name, label: name, params: {}, factory: SCHEDULERS.get(name) };
      const { result } = simulateRun(loaded, policy, 1);
      const [model] = result.models;
      expect(model!.failed_invocations, name).toBeGreaterThan(0);
      expect(model!.completed, name).toBeGreaterThan(0);
    }
  });

  it("writes no failed_invocations without a window", async () => {
    const { result } = runSingleGpu(await scenario(""));
    expect(result.models[0]!.failed_invocations).toBeUndefined();
  });
});
