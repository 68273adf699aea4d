import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { shareCosts } from "../../src/device/cost/shared-costs.ts";
import {
  compileCpuTarget,
  compileProcessorTarget,
  loadSoc,
  opCyclesOn,
  placeGraph,
  placementCycles,
} from "../../src/device/index.ts";
import { buildModel } from "../../src/graph/index.ts";
import runSweepTask from "../../src/scenario/sweep/worker.ts";
import { tinyScenarioFolder } from "../sweep/fixtures.ts";

/**
 * Runs of a sweep worker one after another, varying everything a priced op
 * depends on (SoC file, framework, GPU memory object, dtype, frontend
 * transforms, thread count, policies that price slices): a later run finds the earlier
 * runs' prices, so a key that misses a factor hands it another run's.
 */
const VARIED: readonly Record<string, unknown>[] = [
  {},
  { framework: "tflite" },
  { soc: "snapdragon-888" },
  { framework: "mace", schedulers: ["mulayer", "band"] },
  { schedulers: [{ name: "single-gpu", gpu_memory: "buffer" }] },
  { "workload.apps[scene].dtype": "fp16" },
  { "workload.apps[face-detect].transforms": [{ pruning: 0.5 }] },
  { soc: "kirin-970", framework: "tflite", schedulers: ["single-npu", "single-gpu"] },
  { seed: 2 },
  { "workload.apps[scene].threads": 2 },
];

async function resultsOfEach(passes: number): Promise<string[]> {
  const folder = tinyScenarioFolder();
  const out = mkdtempSync(join(tmpdir(), "socsim-shared-costs-"));
  const results: string[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const [index, axes] of VARIED.entries()) {
      const outcome = await runSweepTask({
        baseFile: join(folder, "tiny.yaml"),
        axes: { schedulers: ["single-gpu", "single-cpu"], ...axes },
        runDir: join(out, `${pass}-${index}`),
        trace: false,
      });
      if (!("resultsJson" in outcome)) throw new Error(outcome.inputError);
      results.push(outcome.resultsJson);
    }
  }
  return results;
}

describe("costs shared across the runs of a process", () => {
  afterEach(() => shareCosts(true));

  it("give byte-identical results to pricing afresh in every run", async () => {
    shareCosts(false);
    const fresh = await resultsOfEach(1);
    shareCosts(true);
    const shared = await resultsOfEach(2);
    expect(shared).toEqual([...fresh, ...fresh]);
  }, 60_000);

  it("are handed out only for a SoC spec loadSoc handed out", () => {
    const soc = loadSoc("snapdragon-855");
    const graph = buildModel("mobilenet-v2", "fp16");
    const gpu = compileProcessorTarget(soc, "tflite", "gpu")!;
    expect(compileProcessorTarget(soc, "tflite", "gpu")).toBe(gpu);
    expect(compileProcessorTarget(soc, "tflite", "gpu", { memory: "buffer" })).not.toBe(gpu);
    expect(compileProcessorTarget(soc, "mace", "gpu")).not.toBe(gpu);
    expect(compileCpuTarget(soc, "tflite", 2)).not.toBe(compileCpuTarget(soc, "tflite"));
    const cpu = compileCpuTarget(soc, "tflite");
    expect(placeGraph(soc, graph, gpu, cpu)).toBe(placeGraph(soc, graph, gpu, cpu));
    expect(opCyclesOn(soc, gpu, graph, 0)).toBe(opCyclesOn(soc, gpu, graph, 0));
    const placement = placeGraph(soc, graph, gpu, cpu);
    expect(placementCycles(placement)).toBe(placementCycles(placement));
    // A placement copied with other targets (as the fit prices its rows) is priced again.
    const retargeted = { ...placement, target: compileProcessorTarget(soc, "mace", "gpu")! };
    expect(placementCycles(retargeted)).not.toBe(placementCycles(retargeted));

    // A copy the caller may edit (as the fit does) is compiled and priced again at every call.
    const copy = structuredClone(soc);
    const copied = compileProcessorTarget(copy, "tflite", "gpu")!;
    expect(compileProcessorTarget(copy, "tflite", "gpu")).not.toBe(copied);
    const copiedCpu = compileCpuTarget(copy, "tflite");
    expect(placeGraph(copy, graph, copied, copiedCpu)).not.toBe(
      placeGraph(copy, graph, copied, copiedCpu),
    );
    // A shared target priced against another spec is not taken from the shared prices.
    expect(opCyclesOn(copy, gpu, graph, 0)).not.toBe(opCyclesOn(copy, gpu, graph, 0));
    expect(opCyclesOn(copy, gpu, graph, 0)).toEqual(opCyclesOn(soc, gpu, graph, 0));
  });
});
