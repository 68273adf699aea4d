import type { Graph } from "../ir.ts";
import { activationBytes, totalsOf } from "../stats.ts";

/** The figures a transform is judged by. */
export interface GraphFigures {
  readonly ops: number;
  readonly macs: number;
  readonly params: number;
  readonly weightBytes: number;
  /** Bytes of every activation tensor (see `activationBytes`). */
  readonly activationBytes: number;
  /** Bytes every op reads and writes (weights, inputs, outputs) in one inference. */
  readonly trafficBytes: number;
}

export interface TransformReport {
  readonly transform: string;
  /** Ops rewritten, merged away or added. */
  readonly changedOps: number;
  readonly before: GraphFigures;
  readonly after: GraphFigures;
  /** after − before. */
  readonly change: GraphFigures;
}

export interface TransformResult {
  readonly graph: Graph;
  readonly report: TransformReport;
}

export function figuresOf(graph: Graph): GraphFigures {
  const totals = totalsOf(graph.ops);
  return {
    ops: totals.ops,
    macs: totals.macs,
    params: totals.params,
    weightBytes: totals.weightBytes,
    activationBytes: activationBytes(graph),
    trafficBytes: totals.weightBytes + totals.inputBytes + totals.outputBytes,
  };
}

export function transformResult(
  transform: string,
  before: Graph,
  after: Graph,
  changedOps: number,
): TransformResult {
  const from = figuresOf(before);
  const to = figuresOf(after);
  const change = Object.fromEntries(
    Object.keys(from).map((key) => [
      key,
      to[key as keyof GraphFigures] - from[key as keyof GraphFigures],
    ]),
  ) as unknown as GraphFigures;
  return { graph: after, report: { transform, changedOps, before: from, after: to, change } };
}
