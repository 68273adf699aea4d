import { describe, expect, it } from "vitest";
import {
  assembleGraph,
  type GraphDeclaration,
  GraphError,
  ModelBuilder,
  modelStats,
  type OpDeclaration,
  validateGraph,
} from "../../src/graph/index.ts";

function declare(ops: OpDeclaration[], shape = [1, 8, 16, 16]): GraphDeclaration {
  return { name: "test", dtype: "fp32", inputs: [{ name: "x", shape }], ops };
}

function errorOf(action: () => unknown): GraphError {
  try {
    action();
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error("expected a GraphError");
}

const conv = (name: string, input: string, out: number, extra = {}): OpDeclaration => ({
  name,
  kind: "conv2d",
  inputs: [input],
  attrs: { kernel: [3, 3], padding: [1, 1, 1, 1], outChannels: out, ...extra },
});

describe("assembling a graph", () => {
  it("infers shapes and costs of a conv from its attributes", () => {
    const graph = assembleGraph(declare([conv("c", "x", 4, { stride: [2, 2], bias: true })]));
    const op = graph.ops[0]!;
    expect(graph.tensors[op.outputs[0]!]!.shape).toEqual([1, 4, 8, 8]);
    expect(op.macs).toBe(3 * 3 * 8 * 4 * 8 * 8);
    expect(op.params).toBe(3 * 3 * 8 * 4 + 4);
    expect(op.weightBytes).toBe(op.params * 4);
    expect(op.inputBytes).toBe(8 * 16 * 16 * 4);
    expect(op.outputBytes).toBe(4 * 8 * 8 * 4);
    expect(op.flops).toBe(2 * op.macs + 4 * 8 * 8);
  });

  it("costs grouped, depthwise and transposed convs, FC, matmul and attention by their formulas", () => {
    const builder = new ModelBuilder("m", "fp16");
    const x = builder.input("x", [1, 8, 10, 10]);
    const grouped = builder.conv("grouped", x, { kernel: 3, out: 16, groups: 4 });
    const depthwise = builder.depthwise("dw", grouped, { kernel: 5, stride: 2 });
    const up = builder.op("transposed_conv2d", "up", [depthwise], {
      kernel: [2, 2],
      stride: [2, 2],
      outChannels: 6,
    });
    const flat = builder.op("flatten", "flat", [up], { axis: 1 });
    builder.fullyConnected("fc", flat, 3);
    const tokens = builder.input("t", [1, 5, 12]);
    builder.op("matmul", "mm", [tokens, tokens], { transposeB: true });
    builder.op("attention", "att", [tokens, tokens, tokens], { heads: 3 });
    const graph = builder.build();
    const byName = Object.fromEntries(graph.ops.map((op) => [op.name, op]));
    expect(byName.grouped!.macs).toBe(3 * 3 * 2 * 16 * 10 * 10);
    expect(byName.dw!.macs).toBe(5 * 5 * 16 * 5 * 5);
    expect(byName.up!.macs).toBe(2 * 2 * 16 * 6 * 5 * 5);
    expect(graph.tensors[byName.up!.outputs[0]!]!.shape).toEqual([1, 6, 10, 10]);
    expect(byName.fc!.macs).toBe(600 * 3);
    expect(byName.fc!.params).toBe(600 * 3 + 3);
    expect(byName.mm!.macs).toBe(5 * 12 * 5);
    expect(byName.att!.macs).toBe(2 * 5 * 5 * 12);
    expect(byName.fc!.weightBytes).toBe(byName.fc!.params * 2);
  });

  it("accepts ops declared in any order and sorts them topologically", () => {
    const graph = assembleGraph(
      declare([
        { name: "b", kind: "relu", inputs: ["a"], attrs: {} },
        { name: "a", kind: "relu", inputs: ["x"], attrs: {} },
      ]),
    );
    expect(graph.ops.map((op) => op.name)).toEqual(["a", "b"]);
    validateGraph(graph);
  });

  it("names the ops on a cycle", () => {
    const error = errorOf(() =>
      assembleGraph(
        declare([
          { name: "start", kind: "relu", inputs: ["x"], attrs: {} },
          { name: "p", kind: "add", inputs: ["start", "r"], attrs: {} },
          { name: "q", kind: "relu", inputs: ["p"], attrs: {} },
          { name: "r", kind: "relu", inputs: ["q"], attrs: {} },
        ]),
      ),
    );
    expect(error.message).toMatch(/cycle/);
    for (const name of ["p", "q", "r"]) expect(error.message).toContain(`"${name}"`);
    expect(error.message).not.toContain('"start"');
  });

  it("names both ops and both shapes on a shape mismatch", () => {
    const error = errorOf(() =>
      assembleGraph(
        declare([
          conv("wide", "x", 16),
          conv("narrow", "x", 8, { stride: [2, 2] }),
          { name: "sum", kind: "add", inputs: ["wide", "narrow"], attrs: {} },
        ]),
      ),
    );
    expect(error.message).toContain('"sum"');
    expect(error.message).toContain('op "wide"');
    expect(error.message).toContain('op "narrow"');
    expect(error.message).toContain("[1, 16, 16, 16]");
    expect(error.message).toContain("[1, 8, 8, 8]");
    expect(error.opIndex).toBe(2);
    expect(error.field).toEqual(["inputs", 1]);
  });

  it("names the nearest known kind for an unknown one", () => {
    const error = errorOf(() =>
      assembleGraph(declare([{ name: "c", kind: "conv", inputs: ["x"], attrs: {} }])),
    );
    expect(error.message).toMatch(/unknown op kind "conv" \(did you mean "conv2d"\?/);
    expect(error.field).toEqual(["kind"]);
  });

  it("reports unknown tensors, duplicate names, missing attributes and wrong arity", () => {
    expect(
      errorOf(() => assembleGraph(declare([{ name: "r", kind: "relu", inputs: ["y"], attrs: {} }])))
        .message,
    ).toMatch(/reads tensor "y", which nothing writes \(did you mean "x"\?\)/);
    expect(
      errorOf(() =>
        assembleGraph(
          declare([
            { name: "r", kind: "relu", inputs: ["x"], attrs: {} },
            { name: "r", kind: "relu", inputs: ["x"], attrs: {} },
          ]),
        ),
      ).message,
    ).toMatch(/used twice/);
    expect(
      errorOf(() =>
        assembleGraph(
          declare([{ name: "c", kind: "conv2d", inputs: ["x"], attrs: { kernel: [3, 3] } }]),
        ),
      ).message,
    ).toMatch(/needs outChannels/);
    expect(
      errorOf(() =>
        assembleGraph(declare([{ name: "a", kind: "add", inputs: ["x", "x", "x"], attrs: {} }])),
      ).message,
    ).toMatch(/takes 1 or 2 input/);
  });

  it("rejects a window larger than its input and groups that do not divide the channels", () => {
    expect(
      errorOf(() =>
        assembleGraph(declare([conv("c", "x", 4, { kernel: [20, 20], padding: [0, 0, 0, 0] })])),
      ).message,
    ).toMatch(/does not fit/);
    expect(
      errorOf(() => assembleGraph(declare([conv("c", "x", 4, { groups: 3 })]))).message,
    ).toMatch(/groups 3 must divide/);
  });

  it("counts edges as distinct producer-consumer pairs and activation bytes over all tensors", () => {
    const builder = new ModelBuilder("m", "fp32");
    const x = builder.input("x", [1, 2, 4, 4]);
    const a = builder.op("relu", "a", [x]);
    const b = builder.op("sigmoid", "b", [a]);
    builder.op("add", "c", [a, b]);
    builder.op("mul", "d", [a, a]);
    const stats = modelStats(builder.build());
    expect(stats.edges).toBe(4); // a→b, a→c, b→c, a→d
    expect(stats.activation_bytes).toBe(5 * 2 * 4 * 4 * 4);
    expect(stats.op_kinds).toEqual({ add: 1, mul: 1, relu: 1, sigmoid: 1 });
  });
});

describe("validateGraph", () => {
  it("catches a hand-edited graph whose figures or order are wrong", () => {
    const graph = new ModelBuilder("m", "fp32");
    const x = graph.input("x", [1, 3, 8, 8]);
    graph.op("relu", "r", [graph.conv("c", x, { kernel: 3, out: 4 })]);
    const built = graph.build();
    expect(() => validateGraph({ ...built, ops: [...built.ops].reverse() })).toThrow(GraphError);
    const wrongMacs = {
      ...built,
      ops: built.ops.map((op, index) => (index === 0 ? { ...op, macs: op.macs + 1 } : op)),
    };
    expect(() => validateGraph(wrongMacs)).toThrow(/macs/);
    const wrongShape = {
      ...built,
      tensors: built.tensors.map((t, index) => (index === 1 ? { ...t, shape: [1, 5, 8, 8] } : t)),
    };
    expect(() => validateGraph(wrongShape)).toThrow(/should be/);
  });
});
