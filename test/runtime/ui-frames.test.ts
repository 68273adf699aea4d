import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { tinyScenario } from "./helpers.ts";

describe("UI frames under DNN load (seed study F7)", () => {
  it("drop far more often when the DNN runs on the GPU than on the CPU, where CFS favours the UI thread", async () => {
    const scenario = await tinyScenario({
      apps: [{ model: "vgg16", fps: 2 }],
      schedulers: ["single-cpu", "single-gpu"],
      ui: true,
      durationS: 3,
    });
    const { results } = runExperiment(scenario, { seed: 1, trace: false });
    const dropRate = (scheduler: string) =>
      results.runs.find((run) => run.scheduler === scheduler)!.ui!.drop_rate;
    expect(dropRate("single-gpu")).toBeGreaterThan(0.5);
    expect(dropRate("single-cpu")).toBeLessThan(dropRate("single-gpu") / 3);
  });
});
