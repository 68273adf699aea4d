import { assembleGraph } from "../assemble.ts";
import { declarationOf, type OpDeclaration } from "../declaration.ts";
import type { Graph } from "../ir.ts";
import { type TransformResult, transformResult } from "./report.ts";

/**
 * Low-rank decomposition of convolutions: the weight of a k×k conv, seen as
 * a C_out × (C_in·k²) matrix, is approximated at rank r = ratio × its full
 * rank, i.e. a k×k conv to r channels followed by a 1×1 conv back to C_out
 * (the bias and anything fused into the conv move to the second). Convs where that would not save
 * MACs are left alone.
 */
export function lowRankConvolutions(graph: Graph, rankRatio: number): TransformResult {
  if (!(rankRatio > 0 && rankRatio <= 1))
    throw new Error(`the rank ratio must be in (0, 1], got ${rankRatio}`);
  const declaration = declarationOf(graph);
  const ops: OpDeclaration[] = [];
  let changed = 0;
  declaration.ops.forEach((op, index) => {
    const original = graph.ops[index]!;
    const [kernelHeight, kernelWidth] = original.attrs.kernel ?? [1, 1];
    const inputChannels = graph.tensors[original.inputs[0]!]!.shape[1] ?? 0;
    const outChannels = original.attrs.outChannels ?? 0;
    const columns = inputChannels * kernelHeight * kernelWidth;
    const rank = Math.max(1, Math.round(rankRatio * Math.min(outChannels, columns)));
    const saves = rank * (columns + outChannels) < columns * outChannels;
    if (original.kind !== "conv2d" || (original.attrs.groups ?? 1) !== 1 || !saves) {
      ops.push(op);
      return;
    }
    changed++;
    const reduced = `${op.name}.rank${rank}`;
    // What a fusion put into the conv (a folded norm, an activation) follows its output: the 1×1 conv's.
    const { fused, ...convolution } = op.attrs;
    ops.push({
      name: reduced,
      kind: "conv2d",
      inputs: op.inputs,
      attrs: { ...convolution, outChannels: rank, bias: false },
    });
    ops.push({
      ...op,
      inputs: [reduced],
      attrs: {
        kernel: [1, 1],
        stride: [1, 1],
        dilation: [1, 1],
        padding: [0, 0, 0, 0],
        groups: 1,
        outChannels,
        bias: op.attrs.bias ?? false,
        ...(fused === undefined ? {} : { fused }),
      },
    });
  });
  return transformResult(
    `low-rank ${rankRatio}`,
    graph,
    assembleGraph({ ...declaration, ops }),
    changed,
  );
}
