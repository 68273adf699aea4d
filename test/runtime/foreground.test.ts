import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadScenario } from "../../src/scenario/load-scenario.ts";
import { foregroundApps } from "../../src/workload/workload-schema.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-foreground-"));

/** Mean latency (ms) of a 5 fps int8 ResNet-50 (short bursts the governor ramps for) on the Kirin 990's CPU (top-app boost 10 %), `foreground` as given. */
async function meanLatencyMs(foreground: boolean): Promise<number> {
  const name = `fg-${foreground}`;
  writeFileSync(
    join(folder, `${name}.yaml`),
    `kind: workload\nname: ${name}\napps:\n  - name: probe\n    model: resnet50\n    dtype: int8\n    arrival: { process: periodic, fps: 5 }\n    foreground: ${foreground}\n`,
  );
  const file = join(folder, `${name}-scenario.yaml`);
  writeFileSync(
    file,
    `kind: scenario\nname: ${name}\nsoc: kirin-990\nworkload: ${name}.yaml\nschedulers: [single-cpu]\nduration: 3 s\nwarmup: 1 s\nseed: 1\n`,
  );
  const { results } = runExperiment(await loadScenario(file), { seed: 1, trace: false });
  return results.runs[0]!.models[0]!.latency_ms?.mean ?? Number.NaN;
}

describe("the foreground app", () => {
  it("is the first app unless the workload says otherwise", () => {
    expect(foregroundApps([{}, {}, {}])).toEqual([true, false, false]);
    expect(foregroundApps([{ foreground: false }, { foreground: true }, {}])).toEqual([
      false,
      true,
      false,
    ]);
  });

  it("runs its CPU inference under the SoC's top-app boost: faster than the same app in the background", async () => {
    const foreground = await meanLatencyMs(true);
    const background = await meanLatencyMs(false);
    expect(foreground).toBeLessThan(background);
  });
});
