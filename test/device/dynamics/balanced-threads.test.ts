import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../../src/scenario/experiment.ts";
import { loadScenario } from "../../../src/scenario/load-scenario.ts";

/** Mean latency of ResNet-50 under single-cpu on the SD855 with MACE, at the clocks given. */
async function resnet50Ms(fixedFreq: string): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), "socsim-balanced-"));
  writeFileSync(
    join(folder, "w.yaml"),
    "kind: workload\nname: w\napps:\n  - name: a\n    model: resnet50\n    arrival: { process: periodic, fps: 2 }\n",
  );
  writeFileSync(
    join(folder, "s.yaml"),
    "kind: scenario\nname: balanced\nsoc: snapdragon-855\nframework: mace\nworkload: w.yaml\n" +
      "schedulers: [single-cpu]\nduration: 2 s\nwarmup: 0 s\nseed: 1\n" +
      `what_if:\n  fixed_freq: ${fixedFreq}\n`,
  );
  const scenario = await loadScenario(join(folder, "s.yaml"));
  return runExperiment(scenario, { seed: 1, trace: false }).results.runs[0]!.models[0]!.latency_ms
    .mean!;
}

describe("a thread pool that balances its work dynamically (MACE's CPU back-end)", () => {
  it("gives a throttled prime core fewer tiles: halving its clock costs far less than halving the op's speed", async () => {
    const top = await resnet50Ms("{ cpu-prime: 2841.6 MHz, cpu-big: 2419.2 MHz }");
    const primeHalved = await resnet50Ms("{ cpu-prime: 1401.6 MHz, cpu-big: 2419.2 MHz }");
    // One prime core of four threads' cores: its share of the capacity is about 0.29 at the top
    // clocks, so a work-stealing pool loses about 15 % of its rate; an equal split would wait for
    // the prime core's quarter at half speed (about ×2).
    expect(primeHalved / top).toBeGreaterThan(1);
    expect(primeHalved / top).toBeLessThan(1.5);
  });
});
