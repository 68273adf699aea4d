import type { Graph } from "../ir.ts";
import { fuseOperators } from "./fuse.ts";
import { lowRankConvolutions } from "./low-rank.ts";
import { pruneChannels } from "./prune.ts";
import type { TransformReport } from "./report.ts";

/** A frontend transform as a workload's app lists it (seed study F3's three). */
export type FrontendTransform =
  | { readonly kind: "fusion" }
  | { readonly kind: "pruning"; readonly ratio: number }
  | { readonly kind: "low-rank"; readonly rankRatio: number };

/** How a transform shows in a transformed graph's name: `fusion`, `pruning-0.3`, `low-rank-0.25`. */
export function transformLabel(transform: FrontendTransform): string {
  switch (transform.kind) {
    case "fusion":
      return "fusion";
    case "pruning":
      return `pruning-${transform.ratio}`;
    case "low-rank":
      return `low-rank-${transform.rankRatio}`;
  }
}

/**
 * Applies the transforms one after another, each to the previous one's
 * graph (the order matters: pruning after low-rank thins the rank
 * convolutions too). The graph keeps its dtype; its name gains each
 * transform's label (`resnet18+fusion+pruning-0.3`), so nothing keyed to
 * the bundled model's name (a policy's published configurations) mistakes
 * it for the original. No transforms: the graph itself.
 */
export function applyFrontendTransforms(
  graph: Graph,
  transforms: readonly FrontendTransform[],
): { readonly graph: Graph; readonly reports: readonly TransformReport[] } {
  let current = graph;
  const reports: TransformReport[] = [];
  for (const transform of transforms) {
    const result =
      transform.kind === "fusion"
        ? fuseOperators(current)
        : transform.kind === "pruning"
          ? pruneChannels(current, transform.ratio)
          : lowRankConvolutions(current, transform.rankRatio);
    current = result.graph;
    reports.push(result.report);
  }
  if (transforms.length === 0) return { graph, reports };
  const name = [graph.name, ...transforms.map(transformLabel)].join("+");
  return { graph: { ...current, name }, reports };
}
