import type { PathSegment } from "../core/input-error.ts";

/**
 * A structural problem in a model description: a cycle, a shape mismatch,
 * an unknown op kind or tensor. `opIndex` is the op's position in the
 * description it came from and `field` the path inside that op, so a YAML
 * loader can point at FILE:LINE:COL and an ONNX importer can name the node.
 */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly opIndex?: number,
    readonly field: readonly PathSegment[] = [],
  ) {
    super(message);
    this.name = "GraphError";
  }
}
