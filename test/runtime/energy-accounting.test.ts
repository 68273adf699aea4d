import { describe, expect, it } from "vitest";
import type { RunResult } from "../../src/metrics/results.ts";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { type TinyScenario, tinyScenario } from "./helpers.ts";

async function runsOf(spec: TinyScenario): Promise<RunResult[]> {
  const { results } = runExperiment(await tinyScenario(spec), { seed: 1, trace: false });
  return results.runs;
}

/** Two processes keeping every big and prime core busy: they never touch the GPU. */
const CPU_HOGS = [
  "{ name: hog-big, processor: cpu-big, threads: 3, duty_cycle: 1.0, period: 10 ms }",
  "{ name: hog-prime, processor: cpu-prime, threads: 1, duty_cycle: 1.0, period: 10 ms }",
];

describe("energy accounting", () => {
  it("breaks energy_j into parts that add up to it, each filed where its work was", async () => {
    const runs = await runsOf({
      // VGG-16 at 10 fps overloads the CPU: requests are dropped or left in flight.
      apps: [
        { model: "mobilenet-v2", fps: 10 },
        { model: "vgg16", fps: 10, slo: 200 },
      ],
      schedulers: ["single-cpu", "single-gpu"],
      ui: true,
      competing: true,
    });
    for (const run of runs) {
      const parts = run.energy_breakdown_j!;
      const sum = Object.values(parts).reduce((total, part) => total + part, 0);
      expect(Math.abs(sum - run.energy_j)).toBeLessThanOrEqual(run.energy_j * 1e-9);
      for (const part of Object.values(parts)) expect(part).toBeGreaterThanOrEqual(0);
      expect(parts.ui).toBeGreaterThan(0);
      expect(parts.competing).toBeGreaterThan(0);
      expect(parts.idle).toBeGreaterThan(0);
      expect(parts.platform).toBeGreaterThan(0);
      const perInference = run.models.map(
        (model) => ((model.energy_per_inference_mj ?? 0) * model.completed) / 1000,
      );
      expect(perInference.reduce((a, b) => a + b, 0)).toBeCloseTo(parts.apps, 9);
    }
    const cpu = runs.find((run) => run.scheduler === "single-cpu")!;
    expect(cpu.models[1]!.completed).toBeLessThan(cpu.models[1]!.requests);
    expect(cpu.energy_breakdown_j!.incomplete).toBeGreaterThan(0);
  });

  it("keeps a GPU model's energy per inference within 3 % when CPU hogs run beside it", async () => {
    const spec = { apps: [{ model: "resnet50", fps: 5 }], schedulers: ["single-gpu"] };
    const [alone] = await runsOf(spec);
    const [loaded] = await runsOf({ ...spec, competing: CPU_HOGS });
    const quiet = alone!.models[0]!.energy_per_inference_mj!;
    const busy = loaded!.models[0]!.energy_per_inference_mj!;
    expect(loaded!.energy_breakdown_j!.competing).toBeGreaterThan(alone!.energy_j);
    expect(Math.abs(busy / quiet - 1)).toBeLessThanOrEqual(0.03);
  });
});
