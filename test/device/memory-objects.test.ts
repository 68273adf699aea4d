import { describe, expect, it } from "vitest";
import {
  compileProcessorTarget,
  loadSoc,
  opCyclesOn,
  opSeconds,
  type SocSpec,
  sliceCyclesOn,
  type Target,
  topOperatingPoints,
} from "../../src/device/index.ts";
import { type Graph, ModelBuilder } from "../../src/graph/index.ts";

/** calib §1a: a 3×3, 64 → 64 convolution on H×W×64 (CoDL Fig. 2). */
function conv(size: number): Graph {
  const builder = new ModelBuilder("fig2", "fp32");
  const input = builder.input("x", [1, 64, size, size]);
  builder.conv("conv", input, { kernel: 3, out: 64 });
  return builder.build();
}

function gpuOn(soc: SocSpec, memory: "image" | "buffer"): Target {
  return compileProcessorTarget(soc, "mace", "gpu", { memory })!;
}

function seconds(soc: SocSpec, target: Target, graph: Graph): number {
  const cycles = opCyclesOn(soc, target, graph, 0)!;
  const [frequencies] = topOperatingPoints(soc, target);
  return opSeconds(cycles, target, frequencies, cycles.nominalHit, 1);
}

describe("GPU memory objects", () => {
  // Holds again since the issue-18 refit on 382 rows (fourth round): the fitted buffer factor
  // (0.305) with the Adreno launch and concurrency give 3.27× at 256 rows against the measured
  // 4.0×, the widest of the three gaps (a factor 1.22, band 1.25); the refit, not this test, moved them.
  it("price the Adreno 640's buffer kernels slower than its image kernels, as calib §1a measured", () => {
    const soc = loadSoc("snapdragon-855");
    // Measured image speed-ups at 256, 128 and 64 rows: 4.0×, 3.8×, 2.7× (±0.3 ms readings); one
    // fitted factor and the kernel launch give 3.27×, 3.26×, 3.19×.
    for (const [size, measured] of [
      [256, 4.0],
      [128, 3.8],
      [64, 2.7],
    ] as const) {
      const graph = conv(size);
      const speedup =
        seconds(soc, gpuOn(soc, "buffer"), graph) / seconds(soc, gpuOn(soc, "image"), graph);
      expect(speedup).toBeGreaterThan(1);
      expect(Math.abs(Math.log(speedup / measured))).toBeLessThan(Math.log(1.25));
    }
  });

  it("price a slice in the memory object in force", () => {
    const soc = loadSoc("snapdragon-855");
    const graph = conv(128);
    const slice = { axis: "rows", range: [0, 64] } as const;
    const buffer = sliceCyclesOn(soc, gpuOn(soc, "buffer"), graph, 0, slice)!;
    const image = sliceCyclesOn(soc, gpuOn(soc, "image"), graph, 0, slice)!;
    expect(Math.max(...buffer.parallelCycles)).toBeGreaterThan(Math.max(...image.parallelCycles));
  });

  it("leave Mali's buffer and image alike, the assumption its SoC files state", () => {
    const soc = loadSoc("kirin-990");
    const graph = conv(128);
    expect(seconds(soc, gpuOn(soc, "buffer"), graph)).toBe(
      seconds(soc, gpuOn(soc, "image"), graph),
    );
  });
});
