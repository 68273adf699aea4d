import { assembleGraph } from "../assemble.ts";
import { declarationOf, type OpDeclaration } from "../declaration.ts";
import type { Graph } from "../ir.ts";
import { ACTIVATION_KINDS, type OpKind } from "../op-kinds.ts";
import { type TransformResult, transformResult } from "./report.ts";

/** Ops that can absorb what follows them: convolutions, FC and element-wise heads. */
const WEIGHTED_HEADS = new Set<OpKind>([
  "conv2d",
  "depthwise_conv2d",
  "transposed_conv2d",
  "fully_connected",
]);
const ELEMENTWISE_HEADS = new Set<OpKind>(["add", "mul", "batchnorm", "instance_norm"]);

/**
 * Operator fusion as mobile runtimes do it: a conv / FC absorbs the batch
 * norm after it (folded into its weights and a bias) and then one
 * activation; an add, mul or norm absorbs one activation. An op is absorbed
 * only when its producer's output goes nowhere else and is not a model
 * output. MACs never change; BN parameters become a bias; the intermediate
 * tensors disappear.
 */
export function fuseOperators(graph: Graph): TransformResult {
  const declaration = declarationOf(graph);
  const ops: OpDeclaration[] = declaration.ops.map((op) => ({ ...op }));
  const readers = new Map<string, Set<number>>();
  ops.forEach((op, index) => {
    for (const input of op.inputs) {
      if (!readers.has(input)) readers.set(input, new Set());
      readers.get(input)!.add(index);
    }
  });
  const graphOutputs = new Set(declaration.outputs);
  const absorbed = new Set<number>();
  let changed = 0;

  ops.forEach((head, index) => {
    if (absorbed.has(index)) return;
    const kind = head.kind as OpKind;
    const weighted = WEIGHTED_HEADS.has(kind);
    if (!weighted && !ELEMENTWISE_HEADS.has(kind)) return;
    let current = head;
    for (;;) {
      const output = current.outputs?.[0] ?? current.name;
      const consumers = readers.get(output);
      if (current.outputs?.length !== 1 || graphOutputs.has(output) || consumers?.size !== 1) break;
      const nextIndex = [...consumers][0]!;
      const next = ops[nextIndex]!;
      const nextKind = next.kind as OpKind;
      const fused = current.attrs.fused ?? [];
      const hasActivation = fused.some((fusedKind) => ACTIVATION_KINDS.has(fusedKind));
      const foldsNorm = weighted && nextKind === "batchnorm" && fused.length === 0;
      const takesActivation = ACTIVATION_KINDS.has(nextKind) && !hasActivation;
      if (next.inputs.length !== 1 || (!foldsNorm && !takesActivation)) break;
      current = {
        ...current,
        outputs: next.outputs ?? [next.name],
        attrs: {
          ...current.attrs,
          fused: [...fused, nextKind],
          ...(foldsNorm ? { bias: true } : {}),
          ...(nextKind === "leaky_relu" ? { slope: next.attrs.slope } : {}),
        },
      };
      absorbed.add(nextIndex);
    }
    if (current !== head) {
      ops[index] = current;
      changed++;
    }
  });
  const fusedGraph = assembleGraph({
    ...declaration,
    ops: ops.filter((_, index) => !absorbed.has(index)),
  });
  return transformResult("fusion", graph, fusedGraph, changed + absorbed.size);
}
