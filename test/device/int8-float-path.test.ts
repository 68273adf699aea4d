import { describe, expect, it } from "vitest";
import { computeDtype } from "../../src/device/cost/support.ts";
import { compileCpuTarget, loadSoc, opFeatures, type SocSpec } from "../../src/device/index.ts";
import { type Graph, ModelBuilder } from "../../src/graph/index.ts";

/** An int8 convolution followed by a max pool: one kind ncnn has int8 kernels for, one it has not. */
function int8Graph(): Graph {
  const builder = new ModelBuilder("conv-pool", "int8");
  const input = builder.input("x", [1, 32, 28, 28]);
  const conv = builder.conv("conv", input, { kernel: 3, out: 32, stride: 1 });
  builder.op("max_pool", "pool", [conv], { kernel: [2, 2], stride: [2, 2] });
  return builder.build();
}

function dtypes(soc: SocSpec, framework: string) {
  const target = compileCpuTarget(soc, framework);
  const graph = int8Graph();
  return graph.ops.map((op) => computeDtype(soc, target, op));
}

describe("a back-end's int8 kernels (int8_ops)", () => {
  it("runs the kinds it lists in int8 and the others on its float path", () => {
    // ncnn on the Snapdragon 855's A76 cores computes float layers in fp16.
    expect(dtypes(loadSoc("snapdragon-855"), "ncnn")).toEqual(["int8", "fp16"]);
    // The Kirin 970's A73 cores have no fp16 arithmetic: the float path is fp32.
    expect(dtypes(loadSoc("kirin-970"), "ncnn")).toEqual(["int8", "fp32"]);
  });

  it("runs every kind in int8 when the back-end does not list its int8 kernels", () => {
    const soc = loadSoc("snapdragon-855");
    expect(soc.frameworks.tflite!.backends.cpu!.int8_ops).toBeUndefined();
    expect(dtypes(soc, "tflite")).toEqual(["int8", "int8"]);
  });

  it("moves float bytes for an op on the float path", () => {
    const soc = loadSoc("snapdragon-855");
    const graph = int8Graph();
    const pool = graph.ops[1]!;
    const tile = compileCpuTarget(soc, "ncnn").backend.tile;
    const floatPath = opFeatures(pool, graph, "fp16", tile);
    const int8Path = opFeatures(pool, graph, "int8", tile);
    expect(floatPath.bytes).toBeCloseTo(2 * int8Path.bytes);
  });
});
