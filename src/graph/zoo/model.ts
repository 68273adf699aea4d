import type { Graph } from "../ir.ts";
import type { DType } from "../op-kinds.ts";

/** A bundled model: an id from CLI-CONTRACT.md and a builder. */
export interface ZooModel {
  readonly id: string;
  /** One line: variant, input size and where the architecture comes from. */
  readonly description: string;
  /**
   * Bundled only because calibration rows measured it (scripts/fit): not one
   * of the workload models, whose measurements are never fitted to.
   */
  readonly calibrationOnly?: true;
  build(dtype: DType): Graph;
}
