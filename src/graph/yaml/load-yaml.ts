import type { PathSegment } from "../../core/input-error.ts";
import { unknownNameMessage } from "../../core/nearest.ts";
import { readYamlFile, validateSource } from "../../core/schema.ts";
import type { YamlSource } from "../../core/yaml-source.ts";
import { assembleGraph } from "../assemble.ts";
import { pair, samePadding } from "../builder.ts";
import type { OpDeclaration } from "../declaration.ts";
import { GraphError } from "../graph-error.ts";
import type { Graph, OpAttributes } from "../ir.ts";
import { KIND_RULES } from "../kinds/index.ts";
import { type DType, isOpKind, OP_KINDS } from "../op-kinds.ts";
import { batchProblem } from "../single-batch.ts";
import { type ModelEntry, modelSchema, type OpEntry } from "./model-schema.ts";

/** YAML field ↔ IR attribute; the order is the order fields are checked in. */
const ATTRIBUTE_FIELDS = {
  kernel: "kernel",
  stride: "stride",
  dilation: "dilation",
  padding: "padding",
  groups: "groups",
  out_channels: "outChannels",
  bias: "bias",
  axis: "axis",
  scale: "scale",
  shape: "shape",
  permutation: "permutation",
  heads: "heads",
  block_size: "blockSize",
  slope: "slope",
  splits: "splits",
  ceil_mode: "ceilMode",
  output_padding: "outputPadding",
  mode: "mode",
  vocabulary: "vocabulary",
  operand_shape: "operandShape",
  transpose_b: "transposeB",
} as const satisfies Record<string, keyof OpAttributes>;

type AttributeField = keyof typeof ATTRIBUTE_FIELDS;
const FIELD_OF_ATTRIBUTE = new Map<string, AttributeField>(
  Object.entries(ATTRIBUTE_FIELDS).map(([field, attribute]) => [
    attribute,
    field as AttributeField,
  ]),
);

/** Reads a `kind: model` YAML file into a Graph; every problem is an InputError at FILE:LINE:COL. */
export function loadYamlModel(file: string, dtype?: DType): Graph {
  const source = readYamlFile(file);
  if (source.kind !== "model") {
    throw source.errorAt(["kind"], `expected "kind: model" for a model file, got "${source.kind}"`);
  }
  const entry = validateSource(source, modelSchema);
  const inputNames = Object.keys(entry.inputs);
  for (const name of inputNames) {
    const problem = batchProblem(entry.inputs[name]!);
    if (problem !== undefined) throw source.errorAt(["inputs", name, 0], problem);
  }
  const ops = entry.ops.map((op, index) => declareOp(source, op, index, entry.ops, inputNames));
  try {
    return assembleGraph({
      name: entry.name,
      dtype: dtype ?? entry.dtype,
      inputs: inputNames.map((name) => ({ name, shape: entry.inputs[name]! })),
      ops,
      ...(entry.outputs ? { outputs: entry.outputs } : {}),
    });
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    throw source.errorAt(yamlPath(error, entry), error.message);
  }
}

function declareOp(
  source: YamlSource,
  op: OpEntry,
  index: number,
  ops: readonly OpEntry[],
  inputNames: readonly string[],
): OpDeclaration {
  const path = ["ops", index];
  if (!isOpKind(op.kind)) {
    throw source.errorAt([...path, "kind"], unknownNameMessage("op kind", op.kind, OP_KINDS));
  }
  const rule = KIND_RULES[op.kind];
  const accepted = new Set<string>([...(rule.required ?? []), ...(rule.accepts ?? [])]);
  const attrs: Record<string, unknown> = {};
  for (const [field, attribute] of Object.entries(ATTRIBUTE_FIELDS)) {
    const value = op[field as AttributeField];
    if (value === undefined) continue;
    if (!accepted.has(attribute)) {
      const known = [...accepted].map((name) => FIELD_OF_ATTRIBUTE.get(name)).join(", ") || "none";
      throw source.errorAt(
        [...path, field],
        `${op.kind} does not take ${field} (it takes: ${known})`,
        true,
      );
    }
    attrs[attribute] = attributeValue(field as AttributeField, value, op);
  }
  return {
    name: op.name,
    kind: op.kind,
    inputs: op.inputs ?? defaultInputs(source, ops, index, inputNames),
    ...(op.outputs ? { outputs: op.outputs } : {}),
    ...(op.dtype ? { dtype: op.dtype } : {}),
    attrs: attrs as OpAttributes,
  };
}

/** Without `inputs:`, an op reads the previous op's output (the model's only input, for the first op). */
function defaultInputs(
  source: YamlSource,
  ops: readonly OpEntry[],
  index: number,
  inputNames: readonly string[],
): string[] {
  const previous = ops[index - 1];
  if (previous === undefined) {
    if (inputNames.length === 1) return [inputNames[0]!];
    throw source.errorAt(
      ["ops", index],
      "the first op must name its inputs when the model has several",
    );
  }
  return [previous.outputs?.[0] ?? previous.name];
}

function attributeValue(
  field: AttributeField,
  value: NonNullable<OpEntry[AttributeField]>,
  op: OpEntry,
): unknown {
  switch (field) {
    case "kernel":
    case "stride":
    case "dilation":
    case "output_padding":
      return pair(value as number | [number, number]);
    case "scale":
      return typeof value === "number" ? [value, value] : value;
    case "padding":
      return paddingOf(value as NonNullable<OpEntry["padding"]>, op);
    default:
      return value;
  }
}

function paddingOf(
  padding: NonNullable<OpEntry["padding"]>,
  op: OpEntry,
): readonly [number, number, number, number] {
  if (padding === "valid") return [0, 0, 0, 0];
  if (padding === "same") return samePadding(op.kernel ?? 1, op.dilation ?? 1);
  if (typeof padding === "number") return [padding, padding, padding, padding];
  if (padding.length === 2) return [padding[0], padding[1], padding[0], padding[1]];
  return padding;
}

/** Where in the YAML document a GraphError points. */
function yamlPath(error: GraphError, entry: ModelEntry): PathSegment[] {
  if (error.opIndex === undefined) return [...error.field];
  const [first, ...rest] = error.field;
  const op = entry.ops[error.opIndex];
  const field = typeof first === "string" ? (FIELD_OF_ATTRIBUTE.get(first) ?? first) : first;
  // Defaulted inputs are not in the document: point at the op.
  if (field === "inputs" && op?.inputs === undefined) return ["ops", error.opIndex];
  return ["ops", error.opIndex, ...(field === undefined ? [] : [field]), ...rest];
}
