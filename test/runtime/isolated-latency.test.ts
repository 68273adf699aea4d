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
  it.each(["resnet18", "mobilenet-v2"])(
    "takes what the calibrated profile of %s says, on the CPU and on the GPU (fused ops launch no kernel)",
    async (model) => {
      const folder = mkdtempSync(join(tmpdir(), "socsim-alone-"));
      writeFileSync(
        join(folder, "w.yaml"),
        `kind: workload\nname: w\napps:\n  - name: a\n    model: ${model}\n    arrival: { process: periodic, fps: 1 }\n`,
      );
      writeFileSync(
        join(folder, "s.yaml"),
        "kind: scenario\nname: alone\nsoc: snapdragon-855\nworkload: w.yaml\n" +
          "schedulers: [single-cpu, single-gpu]\nduration: 4 s\nwarmup: 0 s\nseed: 1\n" +
          `what_if:\n  governors: ${ALL_PERFORMANCE}\n`,
      );
      const scenario = await loadScenario(join(folder, "s.yaml"));
      const { results } = runExperiment(scenario, { seed: 1, trace: false });
      const profile = profileModel(scenario.graphs[0]!, scenario.soc);
      for (const processor of ["cpu", "gpu"]) {
        const run = results.runs.find((r) => r.scheduler === `single-${processor}`)!;
        const expected = profile.processors.find((p) => p.id === processor)!.latency_ms;
        // Alone, at the top operating points, 25 °C: only the input and output copies differ.
        expect(run.models[0]!.latency_ms.mean! / expected).toBeGreaterThan(0.97);
        expect(run.models[0]!.latency_ms.mean! / expected).toBeLessThan(1.03);
      }
    },
  );
});
