import type { DType, OpKind } from "./op-kinds.ts";

/**
 * The DNN intermediate representation shared by every layer above the
 * kernel. Shapes are NCHW with batch 1 for feature maps ([1, C, H, W]) and
 * [1, N, D] / [1, D] for sequences and vectors. A Graph is immutable once
 * built: transforms return new graphs.
 *
 * This file is the contract between the graph layer and the device layer:
 * fields may be added, none renamed.
 */

export interface Tensor {
  readonly id: number;
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Op id that writes this tensor; -1 for graph inputs and constants. */
  readonly producer: number;
}

/** Kind-specific attributes; only those a kind uses are set. */
export interface OpAttributes {
  readonly kernel?: readonly [number, number];
  readonly stride?: readonly [number, number];
  readonly dilation?: readonly [number, number];
  /** [top, left, bottom, right] */
  readonly padding?: readonly [number, number, number, number];
  readonly groups?: number;
  readonly outChannels?: number;
  readonly axis?: number;
  readonly scale?: readonly [number, number];
  readonly shape?: readonly number[];
  readonly permutation?: readonly number[];
  readonly heads?: number;
  readonly blockSize?: number;
  readonly slope?: number;
  readonly splits?: readonly number[];
  /** Kinds fused into this op by the fusion transform (e.g. ["batchnorm", "relu"]). */
  readonly fused?: readonly OpKind[];
  /** Whether a conv / transposed conv / fully connected op has a bias vector. */
  readonly bias?: boolean;
  /** Pools: round the output size up rather than down. */
  readonly ceilMode?: boolean;
  /** Transposed conv: extra rows and columns added to the output. */
  readonly outputPadding?: readonly [number, number];
  /** Resize: interpolation. */
  readonly mode?: "nearest" | "bilinear";
  /** Embedding: number of rows of the table. */
  readonly vocabulary?: number;
  /** add / mul with one activation input: shape of the learned constant operand (it counts as parameters). */
  readonly operandShape?: readonly number[];
  /** matmul: the second input is [..., N, K] and is read transposed. */
  readonly transposeB?: boolean;
}

/** Static cost figures of one op, computed once when the graph is built. */
export interface OpCost {
  /** Multiply-accumulates (not 2×). */
  readonly macs: number;
  readonly flops: number;
  readonly params: number;
  /** Bytes of weights read (params × dtype width). */
  readonly weightBytes: number;
  /** Bytes of activations read (all non-constant inputs). */
  readonly inputBytes: number;
  /** Bytes of activations written. */
  readonly outputBytes: number;
}

/**
 * Where a model's own design pins an op (NN-Stretch's branched models run
 * each branch on one processor kind, stem, merges and head on the CPU).
 * A policy reads it; pricing ignores it. Processor kinds are the SoC
 * schema's names, written here because the graph layer cannot import it.
 */
export interface OpPlacement {
  readonly part: "stem" | "branch" | "merge" | "head";
  readonly processor: "cpu" | "gpu" | "dsp" | "npu";
  /** Stage number (from 1, as the artifact names stages) for branch and merge ops. */
  readonly stage?: number;
}

export interface Op extends OpCost {
  readonly id: number;
  readonly name: string;
  readonly kind: OpKind;
  readonly dtype: DType;
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  readonly attrs: OpAttributes;
  /** Set only by builders and transforms that place ops; transforms that reassemble keep it. */
  readonly placement?: OpPlacement;
}

export interface Graph {
  readonly name: string;
  readonly tensors: readonly Tensor[];
  /** In a topological order. */
  readonly ops: readonly Op[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}
