import { InputError } from "../../core/input-error.ts";
import { assembleGraph } from "../assemble.ts";
import type { InputDeclaration, OpDeclaration } from "../declaration.ts";
import { GraphError } from "../graph-error.ts";
import type { Graph, OpAttributes } from "../ir.ts";
import { KIND_RULES } from "../kinds/index.ts";
import type { DType, OpKind } from "../op-kinds.ts";
import { formatShape, type Shape } from "../shape.ts";
import type { NodeContext, NodeHandler } from "./context.ts";
import { CONSTANT_HANDLERS } from "./handlers-constant.ts";
import { CONV_HANDLERS } from "./handlers-conv.ts";
import { LAYOUT_HANDLERS } from "./handlers-layout.ts";
import { MATH_HANDLERS } from "./handlers-math.ts";
import { inputShapes } from "./input-shapes.ts";
import { type OnnxTypes, onnx } from "./proto.ts";
import { type ConstantValue, constantOf, NodeAttributes } from "./values.ts";

export interface OnnxImportOptions {
  readonly dtype?: DType;
  /** Shapes of graph inputs whose ONNX shape has symbolic dimensions beyond the batch (they size only those). */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
}

const HANDLERS: Readonly<Record<string, NodeHandler>> = {
  ...CONSTANT_HANDLERS,
  ...CONV_HANDLERS,
  ...MATH_HANDLERS,
  ...LAYOUT_HANDLERS,
};

/** The ONNX op types the importer understands. */
export const SUPPORTED_ONNX_OPS: readonly string[] = Object.keys(HANDLERS).sort();

/**
 * Reads an ONNX model into the IR. Shapes are inferred node by node with the
 * IR's own rules; weights are read for their dimensions only; nodes that
 * compute shapes at run time are folded. Problems are InputErrors naming
 * the node and its op type.
 */
export function importOnnx(
  bytes: Uint8Array,
  file: string,
  options: OnnxImportOptions = {},
): Graph {
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new InputError(file, `is not an ONNX model (${(error as Error).message.split("\n")[0]})`);
  }
  const graph = model.graph;
  if (!graph?.node?.length)
    throw new InputError(file, "is not an ONNX model with a graph (no nodes found)");
  const opset = Number(
    model.opsetImport?.find((entry) => !entry.domain || entry.domain === "ai.onnx")?.version ?? 13,
  );
  const importer = new Importer(file, opset, options);
  importer.readInitializersAndInputs(graph);
  graph.node.forEach((node, index) => {
    importer.convert(node, index);
  });
  return importer.finish(graph, modelName(file, graph));
}

function modelName(file: string, graph: OnnxTypes.IGraphProto): string {
  const base = file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.onnx$/i, "");
  return base || graph.name || "onnx-model";
}

const ELEMENT_DTYPES: Partial<Record<number, DType>> = {
  [onnx.TensorProto.DataType.FLOAT16]: "fp16",
  [onnx.TensorProto.DataType.INT8]: "int8",
  [onnx.TensorProto.DataType.UINT8]: "int8",
};

class Importer {
  private readonly constants = new Map<string, ConstantValue>();
  private readonly shapes = new Map<string, Shape>();
  private readonly aliases = new Map<string, string>();
  private readonly opNames = new Set<string>();
  private readonly inputs: InputDeclaration[] = [];
  private readonly ops: OpDeclaration[] = [];
  private dtype: DType = "fp32";

  constructor(
    private readonly file: string,
    private readonly opset: number,
    private readonly options: OnnxImportOptions,
  ) {}

  readInitializersAndInputs(graph: OnnxTypes.IGraphProto): void {
    for (const initializer of graph.initializer ?? []) {
      this.constants.set(initializer.name ?? "", constantOf(initializer));
    }
    const inputs = (graph.input ?? []).filter((input) => !this.constants.has(input.name ?? ""));
    const shapes = inputShapes(this.file, inputs, this.options.inputShapes);
    inputs.forEach((input, index) => {
      const name = input.name ?? "";
      const shape = shapes[index]!;
      this.inputs.push({ name, shape });
      this.shapes.set(name, shape);
      const elementType = input.type?.tensorType?.elemType;
      if (index === 0 && elementType !== undefined && elementType !== null) {
        this.dtype = ELEMENT_DTYPES[elementType] ?? "fp32";
      }
    });
    if (this.options.dtype) this.dtype = this.options.dtype;
    if (this.inputs.length === 0)
      throw new InputError(this.file, "the ONNX graph has no inputs besides its weights");
  }

  convert(node: OnnxTypes.INodeProto, index: number): void {
    const opType = node.opType ?? "";
    const name = this.uniqueName(node.name || `${opType}_${index}`);
    const where = `node "${name}" (${opType})`;
    const fail = (message: string): never => {
      throw new InputError(this.file, `${where}: ${message}`);
    };
    if (node.domain && node.domain !== "ai.onnx")
      fail(`ops of domain "${node.domain}" are not supported`);
    const handler = HANDLERS[opType];
    if (handler === undefined) {
      fail(`unsupported ONNX op type "${opType}"; socsim imports ${SUPPORTED_ONNX_OPS.join(", ")}`);
    }
    try {
      handler!(this.context(node, name, fail));
    } catch (error) {
      if (error instanceof InputError) throw error;
      // A malformed file can break a handler's assumptions: still name the node, never show a stack.
      fail(`cannot be imported (${(error as Error).message})`);
    }
  }

  private uniqueName(wanted: string): string {
    let name = wanted;
    for (let suffix = 2; this.opNames.has(name); suffix++) name = `${wanted}_${suffix}`;
    this.opNames.add(name);
    return name;
  }

  private context(
    node: OnnxTypes.INodeProto,
    name: string,
    fail: (message: string) => never,
  ): NodeContext {
    const inputNames = (node.input ?? []).map((input) => this.aliases.get(input) ?? input);
    const outputs = node.output ?? [];
    const given = (index: number) => (inputNames[index] ?? "") !== "";
    const constantAt = (index: number) => this.constants.get(inputNames[index] ?? "");
    const emitOp = (
      kind: OpKind,
      inputs: readonly string[],
      attrs: OpAttributes,
      opName: string,
      outputNames: readonly string[],
    ) => {
      const shapes = this.inferShapes(kind, inputs, attrs, fail);
      if (shapes.length !== outputNames.length)
        fail(`produces ${shapes.length} outputs, the node names ${outputNames.length}`);
      this.ops.push({ name: opName, kind, inputs, outputs: outputNames, attrs });
      outputNames.forEach((output, slot) => {
        this.shapes.set(output, shapes[slot]!);
      });
      return shapes;
    };
    const context: NodeContext = {
      node,
      attributes: new NodeAttributes(node),
      opset: this.opset,
      inputCount: inputNames.length,
      hasInput: given,
      isConstant: (index) => given(index) && constantAt(index) !== undefined,
      constant: (index, what) => {
        const value = constantAt(index);
        if (value === undefined)
          return fail(`${what} (input ${index}) must be a constant initializer, not computed`);
        return value;
      },
      values: (index, what) => {
        const values = context.constant(index, what).values;
        if (values === undefined)
          return fail(`${what} (input ${index}) must be a small constant whose values can be read`);
        return values;
      },
      activation: (index) => {
        const input = inputNames[index];
        if (!given(index)) return fail(`input ${index} is missing`);
        if (this.constants.has(input!))
          return fail(
            `input ${index} ("${input}") is a constant where a computed tensor is expected`,
          );
        if (!this.shapes.has(input!))
          return fail(`input ${index} ("${input}") is not produced by any earlier node`);
        return input!;
      },
      shape: (index) => {
        const input = inputNames[index] ?? "";
        const shape = this.shapes.get(input) ?? this.constants.get(input)?.dims;
        return shape ?? fail(`input ${index} ("${input}") is not produced by any earlier node`);
      },
      emit: (kind, inputs, attrs) =>
        emitOp(
          kind,
          inputs,
          attrs,
          name,
          outputs
            .filter((output) => output !== "")
            .slice(0, KIND_RULES[kind].outputCount?.(attrs) ?? 1),
        ),
      emitIntermediate: (kind, inputs, attrs, suffix) => {
        const opName = this.uniqueName(`${name}.${suffix}`);
        emitOp(kind, inputs, attrs, opName, [opName]);
        return opName;
      },
      defineConstant: (value, index = 0) => void this.constants.set(outputs[index] ?? "", value),
      alias: (index) => {
        const source = inputNames[index] ?? "";
        const constantValue = this.constants.get(source);
        if (constantValue) this.constants.set(outputs[0] ?? "", constantValue);
        else this.aliases.set(outputs[0] ?? "", source);
      },
      fail,
    };
    return context;
  }

  private inferShapes(
    kind: OpKind,
    inputs: readonly string[],
    attrs: OpAttributes,
    fail: (message: string) => never,
  ): Shape[] {
    return KIND_RULES[kind].infer({
      inputs: inputs.map((input) => ({ shape: this.shapes.get(input)!, from: `"${input}"` })),
      attrs,
      fail: (message) =>
        fail(
          `${message} (input shapes ${inputs.map((input) => formatShape(this.shapes.get(input)!)).join(", ")})`,
        ),
    });
  }

  finish(graph: OnnxTypes.IGraphProto, name: string): Graph {
    const outputs = (graph.output ?? [])
      .map((output) => this.aliases.get(output.name ?? "") ?? output.name ?? "")
      .filter(
        (output) => this.shapes.has(output) && !this.inputs.some((input) => input.name === output),
      );
    if (this.ops.length === 0)
      throw new InputError(
        this.file,
        "the ONNX graph computes nothing socsim can model (no ops left after folding constants)",
      );
    try {
      return assembleGraph({
        name,
        dtype: this.dtype,
        inputs: this.inputs,
        ops: this.ops,
        outputs,
      });
    } catch (error) {
      if (error instanceof GraphError) throw new InputError(this.file, error.message);
      throw error;
    }
  }
}
