import { createRequire } from "node:module";
import type { onnx as OnnxNamespace } from "onnx-proto";

/** Writes small ONNX models for the importer's tests with the same protobuf definitions it reads. */
const { onnx } = createRequire(import.meta.url)("onnx-proto") as { onnx: typeof OnnxNamespace };

export type AttributeValue =
  | { i: number }
  | { f: number }
  | { ints: number[] }
  | { s: string }
  | { t: TensorSpec };

export interface TensorSpec {
  readonly name?: string;
  readonly dims: number[];
  /** Float values (default zeros); int64 when `int64` is set. */
  readonly values?: number[];
  readonly int64?: boolean;
}

export interface NodeSpec {
  readonly opType: string;
  readonly inputs: string[];
  readonly outputs: string[];
  readonly name?: string;
  readonly attributes?: Record<string, AttributeValue>;
}

export interface ModelSpec {
  readonly inputs: { name: string; dims: (number | string)[] }[];
  readonly initializers?: (TensorSpec & { name: string })[];
  readonly nodes: NodeSpec[];
  readonly outputs: string[];
  readonly opset?: number;
}

const count = (dims: number[]) => dims.reduce((product, dim) => product * dim, 1);

function tensorProto(spec: TensorSpec): OnnxNamespace.ITensorProto {
  const values = spec.values ?? new Array<number>(count(spec.dims)).fill(0);
  return spec.int64
    ? {
        name: spec.name ?? "",
        dims: spec.dims,
        dataType: onnx.TensorProto.DataType.INT64,
        int64Data: values,
      }
    : {
        name: spec.name ?? "",
        dims: spec.dims,
        dataType: onnx.TensorProto.DataType.FLOAT,
        floatData: values,
      };
}

function attributeProto(name: string, value: AttributeValue): OnnxNamespace.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if ("i" in value) return { name, type: types.INT, i: value.i };
  if ("f" in value) return { name, type: types.FLOAT, f: value.f };
  if ("ints" in value) return { name, type: types.INTS, ints: value.ints };
  if ("s" in value) return { name, type: types.STRING, s: new TextEncoder().encode(value.s) };
  return { name, type: types.TENSOR, t: tensorProto(value.t) };
}

export function onnxModel(spec: ModelSpec): Uint8Array {
  const valueInfo = (name: string, dims: (number | string)[] = []) => ({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: dims.map((dim) => (typeof dim === "number" ? { dimValue: dim } : { dimParam: dim })),
        },
      },
    },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: "", version: spec.opset ?? 13 }],
    graph: {
      name: "test",
      input: spec.inputs.map((input) => valueInfo(input.name, input.dims)),
      output: spec.outputs.map((name) => valueInfo(name)),
      initializer: (spec.initializers ?? []).map(tensorProto),
      node: spec.nodes.map((node, index) => ({
        name: node.name ?? `${node.opType.toLowerCase()}_${index}`,
        opType: node.opType,
        input: node.inputs,
        output: node.outputs,
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) =>
          attributeProto(name, value),
        ),
      })),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Reads a real ONNX file's nodes and constants, to check the importer against the file itself. */
export function decodeOnnx(bytes: Uint8Array): OnnxNamespace.ModelProto {
  return onnx.ModelProto.decode(bytes);
}
