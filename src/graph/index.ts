/**
 * The graph layer's public face: the IR, the zoo, model files, partition
 * helpers and transforms. Its files import core modules one by one rather
 * than core/index.ts, which would load mathjs (seconds of start-up) for
 * graph work that needs no units.
 */
export { assembleGraph } from "./assemble.ts";
export { ModelBuilder } from "./builder.ts";
export type { GraphDeclaration, InputDeclaration, OpDeclaration } from "./declaration.ts";
export { declarationOf } from "./declaration.ts";
export { dtypeLabel } from "./dtype-label.ts";
export { GraphError } from "./graph-error.ts";
export type { Graph, Op, OpAttributes, OpCost, OpPlacement, Tensor } from "./ir.ts";
export { KIND_RULES } from "./kinds/index.ts";
export { type ListedModel, listModels } from "./list-models.ts";
export { buildModel, loadModelFile, resolveModel } from "./load.ts";
export { importOnnx, type OnnxImportOptions, SUPPORTED_ONNX_OPS } from "./onnx/import.ts";
export { InputShapeError } from "./onnx/input-shape-error.ts";
export { DTYPE_BYTES, DTYPES, type DType, isOpKind, OP_KINDS, type OpKind } from "./op-kinds.ts";
export * from "./partition/index.ts";
export { elementCount, formatShape, type Shape } from "./shape.ts";
export {
  activationBytes,
  edgeCount,
  type ModelStats,
  modelStats,
  type Totals,
  totalsOf,
} from "./stats.ts";
export { consumersOf, predecessorsOf, successorsOf } from "./topology.ts";
export * from "./transforms/index.ts";
export { validateGraph } from "./validate.ts";
export { ZOO, type ZooModel } from "./zoo/index.ts";
