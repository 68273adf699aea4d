import { writeFileSync } from "node:fs";
import { Document, visit } from "yaml";
import type { Graph, OpAttributes } from "../graph/index.ts";
import { GENERATED } from "./generated.ts";

/** IR attribute → model-file field (docs/models.md); `fused` has no field, so a graph carrying it is refused. */
const FIELDS: Readonly<Record<keyof OpAttributes, string | undefined>> = {
  kernel: "kernel",
  stride: "stride",
  dilation: "dilation",
  padding: "padding",
  groups: "groups",
  outChannels: "out_channels",
  bias: "bias",
  axis: "axis",
  scale: "scale",
  shape: "shape",
  permutation: "permutation",
  heads: "heads",
  blockSize: "block_size",
  slope: "slope",
  splits: "splits",
  ceilMode: "ceil_mode",
  outputPadding: "output_padding",
  mode: "mode",
  vocabulary: "vocabulary",
  operandShape: "operand_shape",
  transposeB: "transpose_b",
  fused: undefined,
};

/**
 * A graph as a `kind: model` document that the model loader reads back to
 * the same ops, kinds, shapes, MACs and parameters: every op names its
 * inputs and outputs, padding is written as [top, left, bottom, right], the
 * outputs are listed. Placements and fused kinds have no field in the
 * format: a graph with either is refused rather than written differently.
 */
export function modelDocumentOf(graph: Graph): Record<string, unknown> {
  const nameOf = (id: number) => graph.tensors[id]!.name;
  const dtype = graph.tensors[graph.inputs[0] ?? -1]?.dtype ?? graph.ops[0]?.dtype ?? "fp32";
  return {
    kind: "model",
    name: graph.name,
    dtype,
    inputs: Object.fromEntries(
      graph.inputs.map((id) => [nameOf(id), [...graph.tensors[id]!.shape]]),
    ),
    ops: graph.ops.map((op) => {
      if (op.placement !== undefined)
        throw new Error(
          `modelDocumentOf: op "${op.name}" has a placement, which a model file cannot hold`,
        );
      const outputs = op.outputs.map(nameOf);
      const entry: Record<string, unknown> = {
        name: op.name,
        kind: op.kind,
        inputs: op.inputs.map(nameOf),
        ...(outputs.length === 1 && outputs[0] === op.name ? {} : { outputs }),
        ...(op.dtype === dtype ? {} : { dtype: op.dtype }),
      };
      for (const [attribute, value] of Object.entries(op.attrs)) {
        if (value === undefined) continue;
        const field = FIELDS[attribute as keyof OpAttributes];
        if (field === undefined)
          throw new Error(
            `modelDocumentOf: op "${op.name}" has ${attribute}, which a model file cannot hold`,
          );
        entry[field] = Array.isArray(value) ? [...value] : value;
      }
      return entry;
    }),
    outputs: graph.outputs.map(nameOf),
  };
}

/** The model document as YAML text, every number commented as generated. */
export function modelText(graph: Graph): string {
  return yamlWithGeneratedNumbers(modelDocumentOf(graph));
}

/** Writes `graph` as a model file `socsim validate`, `socsim model` and workloads read; returns the path. */
export function writeModel(graph: Graph, file: string): string {
  writeFileSync(file, modelText(graph));
  return file;
}

/** YAML of a document whose every number (or number-like string) carries the generated comment. */
export function yamlWithGeneratedNumbers(data: Record<string, unknown>): string {
  const document = new Document(data);
  visit(document, {
    Scalar(_key, node) {
      const value = node.value;
      if (typeof value === "number" || (typeof value === "string" && /^[-+]?(\d|\.\d)/.test(value)))
        node.comment = GENERATED;
    },
  });
  return document.toString();
}
