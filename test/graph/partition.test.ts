import { describe, expect, it } from "vitest";
import {
  buildModel,
  cutBetween,
  ModelBuilder,
  operatorChains,
  parallelBranches,
  partitionByPredicate,
  splitOp,
} from "../../src/graph/index.ts";

describe("partitions by a per-op predicate", () => {
  it("cuts a chain at every change of support and keeps runs together", () => {
    const builder = new ModelBuilder("chain", "fp32");
    let x = builder.input("x", [1, 4, 8, 8]);
    const kinds = ["relu", "relu", "sigmoid", "relu", "sigmoid", "sigmoid"] as const;
    kinds.forEach((kind, index) => {
      x = builder.op(kind, `op${index}`, [x]);
    });
    const graph = builder.build();
    const partitions = partitionByPredicate(graph, (op) => op.kind === "relu");
    expect(partitions.map((partition) => [partition.supported, partition.ops.length])).toEqual([
      [true, 2],
      [false, 1],
      [true, 1],
      [false, 2],
    ]);
  });

  it("does not merge supported ops across an unsupported op between them", () => {
    // a → b(unsupported) → c, and a → c directly: {a, c} would depend on b and b on it.
    const builder = new ModelBuilder("diamond", "fp32");
    const x = builder.input("x", [1, 4, 8, 8]);
    const a = builder.op("relu", "a", [x]);
    const b = builder.op("sigmoid", "b", [a]);
    builder.op("add", "c", [a, b]);
    const graph = builder.build();
    const partitions = partitionByPredicate(graph, (op) => op.kind !== "sigmoid");
    expect(partitions.map((partition) => partition.ops.map((op) => graph.ops[op]!.name))).toEqual([
      ["a"],
      ["b"],
      ["c"],
    ]);
  });

  it("splits a wave of unrelated supported ops into connected pieces", () => {
    const graph = buildModel("inception-v3");
    const partitions = partitionByPredicate(graph, (op) => op.kind !== "concat");
    const concats = graph.ops.filter((op) => op.kind === "concat").length;
    expect(partitions.filter((partition) => !partition.supported)).toHaveLength(concats);
    // Each inception block's branches are independent until the concat.
    expect(partitions.filter((partition) => partition.supported).length).toBeGreaterThan(
      concats * 3,
    );
  });
});

describe("the cut between partitions", () => {
  it("lists the tensors crossing it with their bytes, once per reading partition", () => {
    const builder = new ModelBuilder("fan", "fp16");
    const x = builder.input("x", [1, 2, 4, 4]);
    const a = builder.op("relu", "a", [x]);
    builder.op("sigmoid", "b", [a]);
    builder.op("tanh", "c", [a]);
    const graph = builder.build();
    const cut = cutBetween(graph, [0, 1, 2]);
    expect(cut.tensors).toHaveLength(1);
    expect(cut.tensors[0]).toMatchObject({ name: "a", from: 0, to: [1, 2], bytes: 2 * 4 * 4 * 2 });
    expect(cut.bytes).toBe(2 * (2 * 4 * 4 * 2));
    expect(cutBetween(graph, [0, 0, 0]).bytes).toBe(0);
  });
});

describe("operator chains", () => {
  it("are the linear runs of ResNet-18 between its forks and joins", () => {
    const graph = buildModel("resnet18");
    const chains = operatorChains(graph);
    const names = chains.map((chain) => chain.map((op) => graph.ops[op]!.name));
    expect(names[0]).toEqual(["stem", "stem.bn", "stem.relu", "stem.pool"]);
    expect(names).toContainEqual([
      "layer1.0.conv1",
      "layer1.0.conv1.bn",
      "layer1.0.conv1.relu",
      "layer1.0.conv2",
      "layer1.0.conv2.bn",
    ]);
    expect(names).toContainEqual(["layer1.0.add", "layer1.0.relu"]);
  });
});

describe("parallel branches", () => {
  it("finds the four branches of each Inception A block up to its concat", () => {
    const graph = buildModel("inception-v3");
    const block = parallelBranches(graph).find(
      (entry) => graph.ops[entry.fork]!.name === "maxpool2",
    )!;
    expect(graph.ops[block.join!]!.name).toBe("Mixed_5b.concat");
    expect(block.branches.map((branch) => branch.length).sort((a, b) => a - b)).toEqual([
      3, 4, 6, 9,
    ]);
  });

  it("sees a residual shortcut as an empty branch", () => {
    const graph = buildModel("resnet18");
    const unit = parallelBranches(graph).find(
      (entry) => graph.ops[entry.fork]!.name === "layer1.0.relu",
    )!;
    expect(graph.ops[unit.join!]!.name).toBe("layer1.1.add");
    expect(unit.branches.map((branch) => branch.length).sort()).toEqual([0, 5]);
  });

  it("has no join when the branches end as separate outputs", () => {
    const builder = new ModelBuilder("heads", "fp32");
    const x = builder.op("relu", "trunk", [builder.input("x", [1, 4, 4, 4])]);
    builder.op("sigmoid", "left", [x]);
    builder.op("tanh", "right", [x]);
    const [entry] = parallelBranches(builder.build());
    expect(entry!.join).toBeUndefined();
    expect(entry!.branches).toEqual([[1], [2]]);
  });
});

describe("splitting one op", () => {
  const graph = buildModel("resnet50");
  const opNamed = (name: string) => graph.ops.find((op) => op.name === name)!;

  it("along output channels: full input per slice, MACs and params add up, the join is the output", () => {
    const conv = opNamed("layer2.0.conv2");
    const split = splitOp(graph, conv.id, "channels", [32, 96]);
    expect(split.slices.map((slice) => slice.outputShape)).toEqual([
      [1, 32, 28, 28],
      [1, 96, 28, 28],
    ]);
    expect(split.slices.every((slice) => slice.inputShapes[0]![1] === 128)).toBe(true);
    expect(split.slices.reduce((sum, slice) => sum + slice.macs, 0)).toBe(conv.macs);
    expect(split.slices.reduce((sum, slice) => sum + slice.params, 0)).toBe(conv.params);
    expect(split.join).toEqual({ axis: 1, shape: [1, 128, 28, 28], bytes: conv.outputBytes });
  });

  it("along rows: each slice reads its rows plus the halo the kernel needs", () => {
    const conv = opNamed("layer2.0.conv2"); // 3×3, stride 2, 56 → 28 rows
    const split = splitOp(graph, conv.id, "rows", 2);
    expect(split.slices.map((slice) => slice.outputShape[2])).toEqual([14, 14]);
    expect(split.slices.map((slice) => slice.inputShapes[0]![2])).toEqual([28, 29]);
    expect(split.slices.reduce((sum, slice) => sum + slice.macs, 0)).toBe(conv.macs);
    expect(split.slices.every((slice) => slice.params === conv.params)).toBe(true);
  });

  it("slices the input of a depthwise conv with its channels, and refuses ops that cannot be cut", () => {
    const mobilenet = buildModel("mobilenet-v2");
    const depthwise = mobilenet.ops.find((op) => op.kind === "depthwise_conv2d")!;
    const split = splitOp(mobilenet, depthwise.id, "channels", 2);
    expect(split.slices.map((slice) => slice.inputShapes[0]![1])).toEqual(
      split.slices.map((slice) => slice.outputShape[1]),
    );
    expect(split.slices.reduce((sum, slice) => sum + slice.macs, 0)).toBe(depthwise.macs);
    const concat = buildModel("inception-v3").ops.find((op) => op.kind === "concat")!;
    expect(() => splitOp(buildModel("inception-v3"), concat.id, "channels", 2)).toThrow(
      /cannot be split/,
    );
    const grouped = buildModel("regnetx-1.6gf").ops.find((op) => (op.attrs.groups ?? 1) > 1)!;
    expect(() =>
      splitOp(buildModel("regnetx-1.6gf"), grouped.id, "channels", [
        1,
        grouped.attrs.outChannels! - 1,
      ]),
    ).toThrow(/group/);
  });
});
