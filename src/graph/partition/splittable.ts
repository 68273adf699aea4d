import type { OpKind } from "../op-kinds.ts";
import { ACTIVATION_KINDS } from "../op-kinds.ts";

/** How a split slice cuts an op: a range of its output channels, or of its output rows. */
export type SplitAxis = "channels" | "rows";

/**
 * Kinds a co-execution policy may split across processors (μLayer, CoDL):
 * convolutions, fully connected, pooling, element-wise, activation and
 * normalisation ops. Any other kind (concat, softmax, attention, a
 * reshape, …) ends a split unit, because its output is not a row or
 * channel range of independent work.
 */
const AXES_OF: ReadonlyMap<OpKind, readonly SplitAxis[]> = new Map<OpKind, readonly SplitAxis[]>([
  ["conv2d", ["channels", "rows"]],
  ["depthwise_conv2d", ["channels", "rows"]],
  // Rows of a transposed convolution scatter into overlapping output rows: channels only.
  ["transposed_conv2d", ["channels"]],
  ["fully_connected", ["channels"]],
  ["max_pool", ["channels", "rows"]],
  ["avg_pool", ["channels", "rows"]],
  ["global_avg_pool", ["channels"]],
  ["add", ["channels", "rows"]],
  ["mul", ["channels", "rows"]],
  ["batchnorm", ["channels", "rows"]],
  // Instance norm reads a whole channel plane; layer norm reads one row of one channel.
  ["instance_norm", ["channels"]],
  ["layernorm", ["channels", "rows"]],
  ...[...ACTIVATION_KINDS].map((kind): [OpKind, readonly SplitAxis[]] => [
    kind,
    ["channels", "rows"],
  ]),
]);

/** Whether a policy may put `kind` in a split unit (along `axis`, when given). */
export function isSplittable(kind: OpKind, axis?: SplitAxis): boolean {
  const axes = AXES_OF.get(kind);
  return axes !== undefined && (axis === undefined || axes.includes(axis));
}
