import { describe, expect, it } from "vitest";
import {
  buildModel,
  type Graph,
  modelStats,
  predecessorsOf,
  processorsNeeded,
  quantize,
  STRETCH,
  type StretchConfig,
  stretchConfigsOf,
  stretchModel,
  validateGraph,
} from "../../src/graph/index.ts";
import { STRETCH_CONFIGS } from "../../src/graph/transforms/stretch-configs.ts";

const branchKey = (graph: Graph, opId: number) => {
  const placement = graph.ops[opId]!.placement!;
  return placement.part === "branch" ? `${placement.stage}:${placement.processor}` : undefined;
};

describe("NN-Stretch configurations", () => {
  it("bundles CPU+GPU, CPU+DSP and CPU+GPU+DSP for each base model on the Xiaomi phone, CPU+GPU on the Pixel", () => {
    for (const base of ["resnet50", "resnet34", "regnetx-1.6gf", "regnetx-4.0gf"]) {
      const ids = stretchConfigsOf(base).map((config) => config.id);
      expect(ids.filter((id) => id.endsWith("@mi")).length, base).toBe(3);
    }
    expect(stretchConfigsOf("resnet50").map((config) => config.id)).toContain("R-50-CG@pixel");
    expect(stretchConfigsOf("vgg16")).toEqual([]);
    expect(() => STRETCH.get("R-50-CX@mi")).toThrow(/R-50-CD@mi/);
  });

  it("lists the processor kinds a configuration needs, the CPU always", () => {
    expect(processorsNeeded(STRETCH.get("R-50-CD@mi"))).toEqual(["cpu", "dsp"]);
    expect([...processorsNeeded(STRETCH.get("R-50-CDG@mi"))].sort()).toEqual(["cpu", "dsp", "gpu"]);
    // RX-1.6-CDG's GPU has no branch in stage 1 but does in the later stages.
    expect(processorsNeeded(STRETCH.get("RX-1.6-CDG@mi"))).toContain("gpu");
    for (const config of STRETCH_CONFIGS.filter((entry) => entry.phone === "pixel"))
      expect(processorsNeeded(config)).not.toContain("dsp");
    const gpuNeverUsed: StretchConfig = {
      ...STRETCH.get("R-50-CD@mi"),
      devices: ["cpu", "dsp", "gpu"],
    };
    expect(processorsNeeded(gpuNeverUsed)).toEqual(["cpu", "dsp"]);
  });

  it("refuses a configuration whose stages do not line up, naming it", () => {
    const broken: StretchConfig = {
      ...STRETCH.get("R-50-CD@mi"),
      widths: [[160], [384, 256], [832, 512], [1632, 1184]],
    };
    expect(() => stretchModel(broken)).toThrow(/R-50-CD@mi: stage 1 lists 2 depths but 1 widths/);
  });
});

describe("the branching transform", () => {
  it("builds a valid graph for every bundled configuration, with MACs and params of its own", () => {
    for (const config of STRETCH_CONFIGS) {
      const { graph, report } = stretchModel(config);
      validateGraph(graph);
      expect(report.after.macs, config.id).not.toBe(report.before.macs);
      expect(report.after.params, config.id).not.toBe(report.before.params);
      expect(graph.ops.every((op) => op.dtype === "int8")).toBe(true);
    }
  });

  it("rebuilds the base model exactly from a one-branch configuration with the base's numbers", () => {
    const bases: readonly StretchConfig[] = [
      {
        id: "R-50-C",
        base: "resnet50",
        phone: "mi",
        devices: ["cpu"],
        depths: [[3], [4], [6], [3]],
        widths: [[256], [512], [1024], [2048]],
        groupWidths: [[64], [128], [256], [512]],
        source: "configs/mi/R-50-C.yaml",
      },
      {
        id: "R-34-C",
        base: "resnet34",
        phone: "mi",
        devices: ["cpu"],
        depths: [[3], [4], [6], [3]],
        widths: [[64], [128], [256], [512]],
        source: "configs/mi/R-34-C.yaml",
      },
      {
        id: "RX-4-C",
        base: "regnetx-4.0gf",
        phone: "mi",
        devices: ["cpu"],
        depths: [[2], [5], [14], [2]],
        widths: [[80], [240], [560], [1360]],
        groupWidths: [[40], [40], [40], [40]],
        source: "configs/mi/RX-4-C.yaml",
      },
    ];
    for (const config of bases) {
      const { report } = stretchModel(config, "fp32");
      expect(report.after.macs, config.id).toBe(report.before.macs);
      expect(report.after.params, config.id).toBe(report.before.params);
      expect(report.after.ops, config.id).toBe(report.before.ops);
    }
  });

  it("matches a hand count of R-50-CD's first stage (56x56, 64 channels in)", () => {
    const pixels = 56 * 56;
    // CPU branch: 3 bottlenecks at width 160, inner 40; the first projects 64 → 160.
    const cpuFirst = (64 * 40 + 9 * 40 * 40 + 40 * 160 + 64 * 160) * pixels;
    const cpuRest = 2 * (160 * 40 + 9 * 40 * 40 + 40 * 160) * pixels;
    // DSP branch: 2 bottlenecks at width 224, inner 56; the first projects 64 → 224.
    const dspFirst = (64 * 56 + 9 * 56 * 56 + 56 * 224 + 64 * 224) * pixels;
    const dspRest = (224 * 56 + 9 * 56 * 56 + 56 * 224) * pixels;
    const { graph } = stretchModel(STRETCH.get("R-50-CD@mi"));
    const stageOne = graph.ops.filter((op) => op.placement?.stage === 1);
    const macs = stageOne.reduce((sum, op) => sum + op.macs, 0);
    expect(macs).toBe(cpuFirst + cpuRest + dspFirst + dspRest);
    expect(macs).toBe(627_200_000);
    const concat = stageOne.find((op) => op.kind === "concat")!;
    expect(graph.tensors[concat.outputs[0]!]!.shape).toEqual([1, 160 + 224, 56, 56]);
  });

  it("places every op: branches on their processor, stem, merges and head on the CPU", () => {
    for (const config of STRETCH_CONFIGS) {
      const { graph } = stretchModel(config);
      for (const op of graph.ops) {
        const placement = op.placement;
        expect(placement, `${config.id} ${op.name}`).toBeDefined();
        if (placement!.part === "branch") expect(config.devices).toContain(placement!.processor);
        else expect(placement!.processor).toBe("cpu");
      }
      const parts = new Set(graph.ops.map((op) => op.placement!.part));
      expect([...parts].sort()).toEqual(["branch", "head", "merge", "stem"]);
      const merges = graph.ops.filter((op) => op.placement!.part === "merge");
      expect(merges.map((op) => op.kind)).toEqual(["concat", "concat", "concat", "concat"]);
    }
  });

  it("keeps the branches of a stage independent: a branch op reads only its own branch or the stage input", () => {
    for (const config of STRETCH_CONFIGS) {
      const { graph } = stretchModel(config);
      const predecessors = predecessorsOf(graph);
      for (const op of graph.ops) {
        const own = branchKey(graph, op.id);
        if (own === undefined) continue;
        for (const producer of predecessors[op.id]!) {
          const theirs = branchKey(graph, producer);
          if (theirs !== undefined) expect(theirs, `${config.id} ${op.name}`).toBe(own);
          else expect(["stem", "merge"]).toContain(graph.ops[producer]!.placement!.part);
        }
      }
    }
  });

  it("keeps the placement through a transform that reassembles the graph", () => {
    const { graph } = stretchModel(STRETCH.get("R-34-CG@mi"), "fp32");
    const quantized = quantize(graph, "int8").graph;
    expect(quantized.ops.map((op) => op.placement)).toEqual(graph.ops.map((op) => op.placement));
  });

  it("gives socsim model's statistics", () => {
    const { graph } = stretchModel(STRETCH.get("R-50-CDG@mi"));
    const stats = modelStats(graph);
    const base = modelStats(buildModel("resnet50", "int8"));
    expect(stats.ops).toBe(graph.ops.length);
    expect(stats.op_kinds.concat).toBe(4);
    expect(base.op_kinds.concat).toBeUndefined();
    // Three narrower, shallower branches per stage replace one chain: more ops and edges, fewer MACs.
    expect(stats.ops).toBeGreaterThan(base.ops);
    expect(stats.edges).toBeGreaterThan(base.edges);
    expect(stats.macs).toBeLessThan(base.macs);
  });
});
