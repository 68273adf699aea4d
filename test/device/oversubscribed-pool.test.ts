import { describe, expect, it } from "vitest";
import { computeDtype } from "../../src/device/cost/support.ts";
import { DTYPE_INDEX, KIND_INDEX } from "../../src/device/cost/target.ts";
import {
  compileCpuTarget,
  loadSoc,
  opCycles,
  opFeatures,
  profileModel,
  type Target,
} from "../../src/device/index.ts";
import { buildModel, type Graph, ModelBuilder } from "../../src/graph/index.ts";

const soc = loadSoc("snapdragon-855");
const resnet = buildModel("resnet50");
const ncnnMs = (threads: number) =>
  profileModel(resnet, soc, { framework: "ncnn", processor: "cpu", threads }).processors[0]!
    .latency_ms;

function convCycles(target: Target, graph: Graph) {
  const op = graph.ops[0]!;
  const dtype = computeDtype(soc, target, op)!;
  const features = opFeatures(op, graph, dtype, target.backend.tile);
  return opCycles(target, features, KIND_INDEX.get(op.kind)!, DTYPE_INDEX.get(dtype)!);
}

function conv(size: number, channels: number): Graph {
  const builder = new ModelBuilder("one-conv", "fp32");
  const input = builder.input("x", [1, channels, size, size]);
  builder.conv("op", input, { kernel: 3, out: channels, stride: 1 });
  return builder.build();
}

describe("a thread pool with more threads than cores (ncnn on the SD855's four big cores)", () => {
  it("puts thread i on core i mod cores: the busiest core of each cluster runs ⌈(T − first core) / cores⌉ threads", () => {
    expect(compileCpuTarget(soc, "ncnn", 4).unitsPerCore).toEqual([1, 1]);
    expect(compileCpuTarget(soc, "ncnn", 5).unitsPerCore).toEqual([2, 1]);
    expect(compileCpuTarget(soc, "ncnn", 6).unitsPerCore).toEqual([2, 2]);
    expect(compileCpuTarget(soc, "ncnn", 16).unitsPerCore).toEqual([4, 4]);
    // At run time the pool holds its cores, not more: the turns are priced in its work.
    expect(compileCpuTarget(soc, "ncnn", 16).threadsPerDomain).toEqual([1, 3]);
  });

  it("slows with every further turn on a shared core: 16 threads are slower than 8, 8 than 4", () => {
    const four = ncnnMs(4);
    const eight = ncnnMs(8);
    const sixteen = ncnnMs(16);
    expect(eight).toBeGreaterThan(four);
    expect(sixteen).toBeGreaterThan(eight);
    expect(ncnnMs(32)).toBeGreaterThan(sixteen);
  });

  it("runs uneven turns at the busiest core's pace: 5 threads on 4 cores are slower than 8", () => {
    expect(ncnnMs(5)).toBeGreaterThan(ncnnMs(8));
  });

  it("pays one hand-over per further turn, and more when a thread's share outlasts its CFS slice", () => {
    const sync = compileCpuTarget(soc, "ncnn", 8).handoverSeconds;
    expect(sync).toBeGreaterThan(0);
    expect(compileCpuTarget(soc, "ncnn", 4).handoverSeconds).toBe(0);
    const small = conv(14, 32);
    const base = convCycles(compileCpuTarget(soc, "ncnn", 4), small).dispatchSeconds;
    for (const [threads, turns] of [
      [8, 2],
      [16, 4],
    ] as const) {
      const dispatch = convCycles(compileCpuTarget(soc, "ncnn", threads), small).dispatchSeconds;
      expect(dispatch - base).toBeCloseTo((turns - 1) * sync, 12);
    }
    // A 3×3 conv of 512 channels at 224²: each thread's share takes longer than its slice.
    const sixteen = compileCpuTarget(soc, "ncnn", 16);
    const big = convCycles(sixteen, conv(224, 512));
    const chunk = big.parallelCycles[0]! / 4 / sixteen.nominalFrequencies[0]!;
    expect(chunk).toBeGreaterThan(sixteen.sliceSeconds);
    const handovers = 4 * Math.ceil(chunk / sixteen.sliceSeconds) - 1;
    expect(big.dispatchSeconds - base).toBeCloseTo(handovers * sync, 12);
  });
});
