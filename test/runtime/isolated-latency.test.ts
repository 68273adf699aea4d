import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { profileModel } from "../../src/device/index.ts";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";

const ALL_PERFORMANCE =
  "{ cpu-prime: performance, cpu-big: performance, cpu-little: performance, gpu: performance, dsp: performance }";

describe("a request alone on the simulated phone", () => {
  it.each([
    ["resnet18", "fp32", "mace", ["cpu", "gpu"]],
    ["mobilenet-v2", "fp32", "mace", ["cpu", "gpu"]],
    ["resnet50", "int8", "tflite", ["cpu", "gpu", "dsp"]],
  ] as const)(
    "takes what the calibrated profile of %s (%s, %s) says on each processor: the input's copy in, fused ops launching no kernel, the output's copy back",
    async (model, dtype, framework, processors) => {
      const folder = mkdtempSync(join(tmpdir(), "socsim-alone-"));
      writeFileSync(
        join(folder, "w.yaml"),
        `kind: workload\nname: w\napps:\n  - name: a\n    model: ${model}\n    dtype: ${dtype}\n    arrival: { process: periodic, fps: 1 }\n`,
      );
      writeFileSync(
        join(folder, "s.yaml"),
        `kind: scenario\nname: alone\nsoc: snapdragon-855\nframework: ${framework}\nworkload: w.yaml\n` +
          `schedulers: [${processors.map((processor) => `single-${processor}`).join(", ")}]\n` +
          "duration: 4 s\nwarmup: 0 s\nseed: 1\n" +
          `what_if:\n  governors: ${ALL_PERFORMANCE}\n`,
      );
      const scenario = await loadScenario(join(folder, "s.yaml"));
      const { results } = runExperiment(scenario, { seed: 1, trace: false });
      const profile = profileModel(scenario.graphs[0]!, scenario.soc, { framework });
      for (const processor of processors) {
        const run = results.runs.find((r) => r.scheduler === `single-${processor}`)!;
        const expected = profile.processors.find((p) => p.id === processor)!.latency_ms;
        // Alone, at the top operating points, 25 °C: the same jobs as the profile prices.
        expect(run.models[0]!.latency_ms.mean! / expected, processor).toBeGreaterThan(0.99);
        expect(run.models[0]!.latency_ms.mean! / expected, processor).toBeLessThan(1.01);
      }
    },
  );
});
