import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/scenario/experiment.ts";
import { loadSweep } from "../../src/scenario/sweep/load-sweep.ts";
import { loadSweepRun } from "../../src/scenario/sweep/sweep-run.ts";

const SWEEP = new URL("../../scenarios/paper/f9-reuse.yaml", import.meta.url).pathname;
const BASE = join(dirname(SWEEP), "..", "sweeps", "f9-reuse-base.yaml");

describe("the bundled F9 data-reuse sweep", () => {
  it("loads: one video stream with reuse off, frame-level and layer-level", async () => {
    const sweep = await loadSweep(SWEEP);
    expect(sweep.runs).toHaveLength(3);
    expect(sweep.inputs).toContain(join(dirname(SWEEP), "..", "sweeps", "f9-video.yaml"));
  }, 30_000);

  it("keeps the phones' direction (seed study Table 4): reuse lowers the latency per frame, on the GPU and under CoDL", async () => {
    const meanLatency = async (level: string) => {
      const scenario = await loadSweepRun(BASE, {
        "workload.apps[video].reuse.level": level,
        duration: "4 s",
      });
      const { results } = runExperiment(scenario, { seed: 1, trace: false });
      return results.runs.map((run) => run.models[0]!.latency_ms.mean!);
    };
    const off = await meanLatency("off");
    for (const level of ["frame", "layer"]) {
      const on = await meanLatency(level);
      for (const [run, latency] of on.entries()) expect(latency).toBeLessThan(off[run]!);
    }
  }, 30_000);
});
