import type { Graph } from "../../graph/ir.ts";
import type { DType } from "../../graph/op-kinds.ts";
import { sliceOp } from "../../graph/partition/split-op.ts";
import type { SplitAxis } from "../../graph/partition/splittable.ts";
import type { SliceRange } from "../../graph/partition/unit-slices.ts";
import type { SocSpec } from "../load-soc.ts";
import { FUSED_OP, type OpCycles, opCycles } from "./op-cost.ts";
import { opFeatures, sliceFeatures } from "./op-features.ts";
import { sharedOpCycles } from "./shared-costs.ts";
import { computeDtype, isSupported } from "./support.ts";
import { DTYPE_INDEX, KIND_INDEX, type Target } from "./target.ts";

/**
 * The one way an op, or a slice of one, becomes cycle and byte counts on a
 * target: the fit, `socsim profile`, the simulation and a policy's
 * profiling set all come through here, so what is calibrated is what runs.
 */

/** One slice of an op: a range of its output channels or rows, optionally in its own dtype. */
export interface SliceRequest {
  readonly axis: SplitAxis;
  /** [start, end) along the axis of the op's output (rows: halo included, see `unitSliceRanges`). */
  readonly range: SliceRange;
  /** The dtype the slice runs in (μLayer's per-processor quantization); default the op's. */
  readonly dtype?: DType;
}

/** The op's counts on the target, or null when the target cannot run it. */
export function opCyclesOn(
  soc: SocSpec,
  target: Target,
  graph: Graph,
  opId: number,
): OpCycles | null {
  return sharedOpCycles(soc, target, graph, opId, priceOp);
}

function priceOp(soc: SocSpec, target: Target, graph: Graph, opId: number): OpCycles | null {
  const op = graph.ops[opId]!;
  if (!isSupported(soc, target, op, graph)) return null;
  const dtype = computeDtype(soc, target, op)!;
  const features = opFeatures(op, graph, dtype, target.backend.tile);
  return opCycles(target, features, KIND_INDEX.get(op.kind)!, DTYPE_INDEX.get(dtype)!);
}

/**
 * A slice's counts on the target, from the slice's own shapes: its work is
 * rounded up to the back-end's whole tiles (a GPU slice of a few channels
 * pays for a whole work-group), a rows slice reads its halo rows, and the
 * dispatch is paid in full. An empty range computes nothing; null when the
 * target cannot run the op in the slice's dtype.
 */
export function sliceCyclesOn(
  soc: SocSpec,
  target: Target,
  graph: Graph,
  opId: number,
  slice: SliceRequest,
): OpCycles | null {
  const op = graph.ops[opId]!;
  const sliceDtype = slice.dtype ?? op.dtype;
  const asRun = sliceDtype === op.dtype ? op : { ...op, dtype: sliceDtype };
  if (!isSupported(soc, target, asRun, graph)) return null;
  if (slice.range[0] >= slice.range[1]) return FUSED_OP;
  const dtype = computeDtype(soc, target, asRun)!;
  const shape = sliceOp(graph, opId, slice.axis, slice.range);
  const features = sliceFeatures(op, shape, sliceDtype, dtype, target.backend.tile);
  return opCycles(target, features, KIND_INDEX.get(op.kind)!, DTYPE_INDEX.get(dtype)!);
}
