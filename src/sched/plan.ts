import type { DType } from "../graph/index.ts";

/**
 * What a policy's offline plan is made of. A plan cuts a model into units
 * (a whole model, subgraphs, operator chains, branches, or a single op);
 * each unit lists the ways it may run. A way is one slice per processor
 * target with the share of the work that slice takes: one slice with share
 * 1 is the whole unit on one processor; several slices split every op of the
 * unit across processors (CoDL's chains, μLayer's layers), sharing data at
 * the unit's start and merging at its end.
 */

/**
 * How a split slice cuts each op: a range of output channels, or a range of
 * output rows (inputs then carry the halo rows a k×k window needs).
 */
export type SliceAxis = "channels" | "rows";

export interface UnitSlice {
  /** A processor target id: `cpu` (the framework's whole-CPU configuration), `cpu-big`, `gpu`, `dsp`, `npu`. */
  readonly target: string;
  /** Share of each op's work in (0, 1]; the slices of one option sum to 1. */
  readonly share: number;
  /** How the op is cut when the option has several slices; `channels` when absent. */
  readonly axis?: SliceAxis;
  /** The dtype this slice computes in (μLayer's per-processor quantization); the op's own dtype when absent. */
  readonly dtype?: DType;
}

export interface UnitOption {
  readonly slices: readonly UnitSlice[];
}

export interface PlanUnit {
  readonly id: number;
  /** Op ids of the model graph, in topological order. */
  readonly ops: readonly number[];
  /** The ways this unit may run; the runtime decision picks one by index. */
  readonly options: readonly UnitOption[];
}

export interface ModelPlan {
  /** Units covering every op of the model exactly once. */
  readonly units: readonly PlanUnit[];
  /** Ops that fell back to the CPU from the processor(s) the policy meant to use (results.json `fallback_ops`). */
  readonly fallbackOps: number;
  /**
   * Subgraphs the policy compiles at load beyond its units (Band's merged
   * ranges): each is resident on its target and counted in results.json's
   * `subgraphs` and `memory_bytes`; the runtime never runs them as such.
   */
  readonly preparedSubgraphs?: readonly PreparedSubgraph[];
}

/** A subgraph compiled for one target at load: ops of the model graph, in topological order. */
export interface PreparedSubgraph {
  readonly ops: readonly number[];
  readonly target: string;
}

/** A unit with one option: the whole unit on one target. */
export function wholeUnit(id: number, ops: readonly number[], target: string): PlanUnit {
  return { id, ops, options: [{ slices: [{ target, share: 1 }] }] };
}
