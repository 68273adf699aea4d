import type { Graph } from "../ir.ts";
import type { DType } from "../op-kinds.ts";

/** A bundled model: an id from CLI-CONTRACT.md and a builder. */
export interface ZooModel {
  readonly id: string;
  /** One line: variant, input size and where the architecture comes from. */
  readonly description: string;
  build(dtype: DType): Graph;
}
