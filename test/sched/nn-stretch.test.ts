import { describe, expect, it } from "vitest";
import { STRETCH, stretchModel } from "../../src/graph/index.ts";
import type { RunPolicy } from "../../src/runtime/run-spec.ts";
import { simulateRun } from "../../src/runtime/simulate.ts";
import { buildPolicy, type PlanningContext, type TargetInfo } from "../../src/sched/index.ts";
import { nnStretch } from "../../src/sched/policies/nn-stretch.ts";
import { tinyScenario } from "../runtime/helpers.ts";

const policy = (params: Record<string, unknown> = {}): RunPolicy => ({
  name: "nn-stretch",
  label: "nn-stretch",
  params,
  factory: nnStretch,
});

async function runResNet50(params: Record<string, unknown> = {}) {
  const scenario = await tinyScenario({
    apps: [{ model: "resnet50", fps: 5 }],
    schedulers: ["single-cpu"],
    durationS: 1,
  });
  return simulateRun(scenario, policy(params), 1);
}

/** Just enough of a planning context to rewrite: the app's graph and the SoC's targets. */
function contextOn(kinds: TargetInfo["kind"][], model = "resnet50"): PlanningContext {
  const targets = kinds.map((kind) => ({ id: kind, kind, family: "test" }));
  const graph = { name: model } as PlanningContext["graph"];
  return { appIndex: 0, appName: "app0", graph, targets } as unknown as PlanningContext;
}

describe("nn-stretch", () => {
  it("runs ResNet-50 stretched over CPU, GPU and DSP on the Snapdragon 855, with the stretched MACs", async () => {
    const { result } = await runResNet50();
    const model = result.models[0]!;
    expect(model.completed).toBeGreaterThan(0);
    expect(model.rewritten).toBe(true);
    expect(model.macs).toBe(stretchModel(STRETCH.get("R-50-CDG@mi")).report.after.macs);
    expect(result.framework).toBe("tflite");
  });

  it("uses the configuration an app names", async () => {
    const { result } = await runResNet50({ configurations: { app0: "R-50-CD@mi" } });
    expect(result.models[0]!.macs).toBe(stretchModel(STRETCH.get("R-50-CD@mi")).report.after.macs);
  });

  it("plans every branch on its processor and stem, merges and head on the CPU", () => {
    const { policy: built } = buildPolicy(nnStretch, "nn-stretch", {});
    const graph = built.rewrite!(contextOn(["cpu", "gpu", "dsp"]))!;
    const app = {
      ...contextOn(["cpu", "gpu", "dsp"]),
      graph,
      frameworkPlacement: (target: string) => graph.ops.map(() => target),
    } as unknown as PlanningContext;
    const plan = built.plan(app);
    expect(plan.fallbackOps).toBe(0);
    for (const unit of plan.units) {
      const target = unit.options[0]!.slices[0]!.target;
      for (const opId of unit.ops) expect(graph.ops[opId]!.placement!.processor).toBe(target);
    }
    // Stem, 4 stages × 3 branches, 4 merges, head.
    expect(plan.units.length).toBe(1 + 12 + 4 + 1);
  });

  it("refuses a model without a configuration and a SoC lacking a processor the configuration needs", () => {
    const { policy: built } = buildPolicy(nnStretch, "nn-stretch", {});
    expect(() => built.rewrite!(contextOn(["cpu", "gpu", "dsp"], "vgg16"))).toThrow(
      /no configuration for app0's model vgg16/,
    );
    // Without a DSP the default falls back to a CPU+GPU configuration...
    const noDsp = built.rewrite!(contextOn(["cpu", "gpu"]))!;
    expect(noDsp.ops.some((op) => op.placement?.processor === "dsp")).toBe(false);
    // ... but a CPU+DSP configuration named for the app is refused.
    const { policy: named } = buildPolicy(nnStretch, "nn-stretch", {
      configurations: { app0: "R-50-CD@mi" },
    });
    expect(() => named.rewrite!(contextOn(["cpu", "gpu"]))).toThrow(/needs a dsp/);
  });
});
