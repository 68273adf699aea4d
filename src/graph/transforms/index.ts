export {
  applyFrontendTransforms,
  type FrontendTransform,
  transformLabel,
} from "./frontend.ts";
export { fuseOperators } from "./fuse.ts";
export { lowRankConvolutions } from "./low-rank.ts";
export { pruneChannels } from "./prune.ts";
export { quantize } from "./quantize.ts";
export {
  figuresOf,
  type GraphFigures,
  type TransformReport,
  type TransformResult,
} from "./report.ts";
export * from "./stretch.ts";
