import { describe, expect, it } from "vitest";
import { profileModel } from "../../src/device/execution/profile.ts";
import { loadSoc, type SocSpec } from "../../src/device/index.ts";
import {
  applyFrontendTransforms,
  buildModel,
  type FrontendTransform,
  type Graph,
  totalsOf,
} from "../../src/graph/index.ts";

const FUSION: FrontendTransform = { kind: "fusion" };
const PRUNING: FrontendTransform = { kind: "pruning", ratio: 0.5 };
const LOW_RANK: FrontendTransform = { kind: "low-rank", rankRatio: 0.5 };

const resnet18 = buildModel("resnet18", "fp32");
const transformed = (transforms: readonly FrontendTransform[], graph: Graph = resnet18) =>
  applyFrontendTransforms(graph, transforms).graph;
const macs = (graph: Graph) => totalsOf(graph.ops).macs;

describe("frontend transforms applied in list order", () => {
  it("leaves the graph itself without transforms, and names a transformed one after them", () => {
    expect(transformed([])).toBe(resnet18);
    expect(transformed([FUSION, PRUNING]).name).toBe("resnet18+fusion+pruning-0.5");
  });

  it("keeps the app's dtype", () => {
    const int8 = transformed([FUSION, LOW_RANK, PRUNING], buildModel("resnet18", "int8"));
    expect(new Set(int8.ops.map((op) => op.dtype))).toEqual(new Set(["int8"]));
  });

  it("prunes the rank convolutions too when pruning comes after low-rank, not before", () => {
    const lowRankFirst = macs(transformed([LOW_RANK, PRUNING]));
    const pruningFirst = macs(transformed([PRUNING, LOW_RANK]));
    expect(lowRankFirst).toBeLessThan(macs(transformed([LOW_RANK])));
    expect(lowRankFirst).not.toBe(pruningFirst);
    // Fusion changes no MAC, wherever it stands.
    expect(macs(transformed([FUSION, PRUNING]))).toBe(macs(transformed([PRUNING])));
  });

  it("keeps what fusion folded into a conv on the output of its low-rank pair", () => {
    const graph = transformed([FUSION, LOW_RANK]);
    const fusedBefore = transformed([FUSION]).ops.filter((op) => op.attrs.fused?.includes("relu"));
    const fusedAfter = graph.ops.filter((op) => op.attrs.fused?.includes("relu"));
    expect(fusedAfter.length).toBe(fusedBefore.length);
    for (const op of graph.ops.filter((candidate) => candidate.name.includes(".rank")))
      expect(op.attrs.fused).toBeUndefined();
  });
});

describe("what frontend transforms save is what the back-end does not already do", () => {
  const soc = loadSoc("snapdragon-855");
  const cpuMs = (graph: Graph, on: SocSpec = soc) =>
    profileModel(graph, on, { processor: "cpu" }).processors[0]!.latency_ms;
  /** The default framework with a CPU back-end that fuses nothing. */
  const withoutFusion: SocSpec = (() => {
    const framework = soc.frameworks[soc.default_framework]!;
    const backends = { ...framework.backends, cpu: { ...framework.backends.cpu!, fuse: [] } };
    return {
      ...soc,
      frameworks: { ...soc.frameworks, [soc.default_framework]: { ...framework, backends } },
    };
  })();

  it("gains almost nothing from fusion where the framework already fuses conv + norm + activation", () => {
    expect(cpuMs(transformed([FUSION]))).toBeGreaterThan(cpuMs(resnet18) * 0.97);
  });

  it("gains from fusion where the framework fuses nothing, down to the fusing framework's latency", () => {
    const unfused = cpuMs(resnet18, withoutFusion);
    const fused = cpuMs(transformed([FUSION]), withoutFusion);
    expect(fused).toBeLessThan(unfused * 0.98);
    expect(Math.abs(fused / cpuMs(transformed([FUSION])) - 1)).toBeLessThan(0.01);
  });

  it("runs a pruned model faster, and a low-rank one by less than its MACs fall", () => {
    const base = cpuMs(resnet18);
    expect(cpuMs(transformed([PRUNING]))).toBeLessThan(base * 0.8);
    const lowRank = transformed([LOW_RANK]);
    const macShare = macs(lowRank) / macs(resnet18);
    expect(cpuMs(lowRank) / base).toBeLessThan(1);
    expect(cpuMs(lowRank) / base).toBeGreaterThan(macShare);
  });
});
