import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { tinyScenario } from "./helpers.ts";

async function resnet18(transforms?: string) {
  const scenario = await tinyScenario({
    apps: [{ model: "resnet18", fps: 5, transforms }],
    schedulers: ["single-cpu"],
    durationS: 1,
    // Clocks pinned at the top: the transform's saving, not how the governor answers shorter bursts.
    whatIf:
      "{ governors: { cpu-little: performance, cpu-big: performance, cpu-prime: performance } }",
  });
  const { results } = runExperiment(scenario, { seed: 1, trace: false });
  return results.runs[0]!.models[0]!;
}

describe("an app's frontend transforms", () => {
  it("run the transformed graph and report its MACs, parameters and memory", async () => {
    const base = await resnet18();
    const pruned = await resnet18("[fusion, { pruning: 0.5 }]");
    expect(pruned.model).toBe("resnet18+fusion+pruning-0.5");
    expect(pruned.macs!).toBeLessThan(base.macs! * 0.7);
    expect(pruned.params!).toBeLessThan(base.params!);
    expect(pruned.memory_bytes!).toBeLessThan(base.memory_bytes!);
    expect(pruned.latency_ms.mean!).toBeLessThan(base.latency_ms.mean! * 0.8);
    expect(pruned.energy_per_inference_mj!).toBeLessThan(base.energy_per_inference_mj!);
  });
});
