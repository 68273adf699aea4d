import { assembleGraph } from "../assemble.ts";
import { declarationOf } from "../declaration.ts";
import type { Graph, Op } from "../ir.ts";
import type { DType } from "../op-kinds.ts";
import { type TransformResult, transformResult } from "./report.ts";

/**
 * Quantization to fp16 or int8 (or back to fp32): the chosen ops compute in
 * `dtype`, so their weights and the tensors they write shrink or grow.
 * Without `select`, the whole model is converted, inputs included. MACs
 * are unchanged; the bytes are what moves.
 */
export function quantize(
  graph: Graph,
  dtype: DType,
  select?: (op: Op) => boolean,
): TransformResult {
  const declaration = declarationOf(graph);
  let changed = 0;
  const ops = declaration.ops.map((op, index) => {
    const original = graph.ops[index]!;
    const target = select === undefined || select(original) ? dtype : original.dtype;
    if (target !== original.dtype) changed++;
    return { ...op, dtype: target };
  });
  const graphDtype = select === undefined ? dtype : declaration.dtype;
  const result = assembleGraph({ ...declaration, dtype: graphDtype, ops });
  return transformResult(`quantization ${dtype}`, graph, result, changed);
}
