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

function bufferSpeedupError(size: number, measured: number): number {
  const soc = loadSoc("snapdragon-855");
  const graph = conv(size);
  const speedup =
    seconds(soc, gpuOn(soc, "buffer"), graph) / seconds(soc, gpuOn(soc, "image"), graph);
  expect(speedup).toBeGreaterThan(1);
  return Math.abs(Math.log(speedup / measured));
}

describe("GPU memory objects", () => {
  // Measured image speed-ups at 256 and 128 rows: 4.0× and 3.8× (±0.3 ms readings); one fitted
  // buffer factor gives about 3.6× at both (eighth round of issue 18).
  it("price the Adreno 640's buffer kernels slower than its image kernels, as calib §1a measured at 256 and 128 rows", () => {
    for (const [size, measured] of [
      [256, 4.0],
      [128, 3.8],
    ] as const)
      expect(bufferSpeedupError(size, measured)).toBeLessThan(Math.log(1.25));
  });

  // Expected to fail: at 64 rows the phone measured 2.7×; one buffer factor prices about 3.5× at
  // every size, and only the kernel launch, a larger share of a small kernel, narrows it. The
  // eighth round's refit (buffer factor 0.296 → 0.277, launch 64.6 → 54.2 µs, the OpenCL enqueue
  // now apart) moved it from 3.29× to 3.49×, a factor 1.29 against the 1.25 band: the refit of the
  // Adreno's shared coefficients, not the memory-object model, moved it.
  it.fails("and at 64 rows, where the measured speed-up falls to 2.7×", () => {
    expect(bufferSpeedupError(64, 2.7)).toBeLessThan(Math.log(1.25));
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
