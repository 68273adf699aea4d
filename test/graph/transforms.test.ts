import { describe, expect, it } from "vitest";
import {
  buildModel,
  fuseOperators,
  lowRankConvolutions,
  ModelBuilder,
  modelStats,
  pruneChannels,
  quantize,
  validateGraph,
} from "../../src/graph/index.ts";

const resnet18 = buildModel("resnet18");
const count = (kinds: Record<string, number>, kind: string) => kinds[kind] ?? 0;

describe("operator fusion", () => {
  it("folds every BN of ResNet-18 into its conv and fuses the ReLUs, keeping MACs", () => {
    const { graph, report } = fuseOperators(resnet18);
    validateGraph(graph);
    const before = modelStats(resnet18).op_kinds;
    const after = modelStats(graph).op_kinds;
    expect(count(after, "batchnorm")).toBe(0);
    // ReLUs after a conv's BN and after each residual add are absorbed.
    expect(count(after, "relu")).toBe(0);
    expect(report.change.ops).toBe(-(count(before, "batchnorm") + count(before, "relu")));
    expect(report.change.macs).toBe(0);
    // Each BN's scale and shift (2 per channel) become one bias per channel.
    const bnChannels = resnet18.ops
      .filter((op) => op.kind === "batchnorm")
      .reduce((sum, op) => sum + op.params / 2, 0);
    expect(report.change.params).toBe(-bnChannels);
    expect(report.change.activationBytes).toBeLessThan(0);
    const stem = graph.ops.find((op) => op.name === "stem")!;
    expect(stem.attrs.fused).toEqual(["batchnorm", "relu"]);
    expect(stem.attrs.bias).toBe(true);
    // Folded BN costs nothing at run time; the bias and the fused ReLU cost one FLOP per output each.
    const stemBefore = resnet18.ops.find((op) => op.name === "stem")!;
    expect(stem.flops).toBe(2 * stemBefore.macs + 2 * 64 * 112 * 112);
    expect(graph.ops.find((op) => op.name === "layer1.0.add")!.attrs.fused).toEqual(["relu"]);
  });

  it("leaves an op alone when its output is read twice or is a model output", () => {
    const builder = new ModelBuilder("shared", "fp32");
    const x = builder.input("x", [1, 3, 8, 8]);
    const conv = builder.conv("conv", x, { kernel: 3, out: 4 });
    builder.op("relu", "relu", [conv]);
    builder.op("sigmoid", "gate", [conv]);
    const last = builder.conv("last", x, { kernel: 1, out: 4 });
    builder.op("relu", "tail", [last]);
    const graph = builder.build(["gate", "relu", "last", "tail"]);
    const { graph: fused, report } = fuseOperators(graph);
    expect(report.changedOps).toBe(0);
    expect(fused.ops).toHaveLength(graph.ops.length);
  });
});

describe("channel pruning", () => {
  it("prunes only the convs whose channels feed another conv directly, and MACs fall", () => {
    const { graph, report } = pruneChannels(resnet18, 0.5);
    validateGraph(graph);
    // In a basic unit only conv1 feeds a conv; conv2 and the projections feed residual adds.
    expect(report.changedOps).toBe(8);
    expect(graph.ops.find((op) => op.name === "layer1.0.conv1")!.attrs.outChannels).toBe(32);
    expect(graph.ops.find((op) => op.name === "layer1.0.conv2")!.attrs.outChannels).toBe(64);
    expect(graph.tensors.find((t) => t.name === "layer1.0.conv1.relu")!.shape).toEqual([
      1, 32, 56, 56,
    ]);
    expect(report.change.macs).toBeLessThan(0);
    expect(report.change.params).toBeLessThan(0);
    expect(pruneChannels(resnet18, 0).report.changedOps).toBe(0);
  });

  it("prunes through depthwise convs, which shrink with their input", () => {
    const { graph, report } = pruneChannels(buildModel("mobilenet-v1"), 0.25);
    validateGraph(graph);
    expect(report.changedOps).toBeGreaterThan(10);
    const depthwise = graph.ops.find((op) => op.name === "block2.dw")!;
    expect(graph.tensors[depthwise.outputs[0]!]!.shape[1]).toBe(48);
  });

  it("rejects a ratio outside [0, 1)", () => {
    expect(() => pruneChannels(resnet18, 1)).toThrow(/ratio/);
  });
});

describe("low-rank decomposition", () => {
  it("replaces each conv by a k×k conv to rank r and a 1×1 conv, where that saves MACs", () => {
    const { graph, report } = lowRankConvolutions(resnet18, 0.25);
    validateGraph(graph);
    const convs = resnet18.ops.filter((op) => op.kind === "conv2d").length;
    expect(report.changedOps).toBeGreaterThan(0);
    expect(modelStats(graph).op_kinds.conv2d).toBe(convs + report.changedOps);
    expect(report.change.macs).toBeLessThan(0);
    const reduced = graph.ops.find((op) => op.name === "layer1.0.conv1.rank16")!;
    expect(reduced.attrs.kernel).toEqual([3, 3]);
    const restored = graph.ops.find((op) => op.name === "layer1.0.conv1")!;
    expect(restored.attrs.kernel).toEqual([1, 1]);
    expect(graph.tensors[restored.outputs[0]!]!.shape).toEqual([1, 64, 56, 56]);
    // At full rank nothing would be saved, so nothing changes.
    expect(lowRankConvolutions(resnet18, 1).report.changedOps).toBe(0);
  });
});

describe("quantization", () => {
  it("shrinks weights and activations by the dtype width and keeps MACs", () => {
    const { graph, report } = quantize(resnet18, "int8");
    validateGraph(graph);
    expect(report.change.macs).toBe(0);
    expect(report.after.weightBytes).toBe(report.before.weightBytes / 4);
    expect(report.after.activationBytes).toBe(report.before.activationBytes / 4);
    expect(quantize(resnet18, "fp16").report.after.trafficBytes).toBe(
      report.before.trafficBytes / 2,
    );
  });

  it("can quantize only some ops, leaving a mixed-precision graph", () => {
    const { graph, report } = quantize(resnet18, "fp16", (op) => op.kind === "conv2d");
    validateGraph(graph);
    expect(report.changedOps).toBe(20);
    expect(new Set(graph.ops.map((op) => op.dtype))).toEqual(new Set(["fp16", "fp32"]));
    const conv = graph.ops.find((op) => op.name === "stem")!;
    expect(conv.outputBytes).toBe(64 * 112 * 112 * 2);
    expect(conv.inputBytes).toBe(3 * 224 * 224 * 4);
  });
});
