import type { OpAttributes } from "../ir.ts";
import type { OpKind } from "../op-kinds.ts";
import type { Shape } from "../shape.ts";
import type { OnnxTypes } from "./proto.ts";
import type { ConstantValue, NodeAttributes } from "./values.ts";

/** What a node handler sees of the import in progress. */
export interface NodeContext {
  readonly node: OnnxTypes.INodeProto;
  readonly attributes: NodeAttributes;
  /** Opset of the default ONNX domain (defaults of some attributes changed across opsets). */
  readonly opset: number;
  /** Number of inputs actually given (ONNX marks skipped optional inputs with ""). */
  readonly inputCount: number;
  hasInput(index: number): boolean;
  isConstant(index: number): boolean;
  /** The constant at input `index`; fails when it is computed at run time. */
  constant(index: number, what: string): ConstantValue;
  /** Values of a small constant input (shape arithmetic, bounds); fails when unknown. */
  values(index: number, what: string): readonly number[];
  /** The IR tensor read at input `index`; fails when it is a constant. */
  activation(index: number): string;
  shape(index: number): Shape;
  /** Declares an IR op for this node, writing the node's outputs; returns their shapes. */
  emit(kind: OpKind, inputs: readonly string[], attrs: OpAttributes, suffix?: string): Shape[];
  /** Like emit, but writes an intermediate tensor (for nodes that become two IR ops). */
  emitIntermediate(
    kind: OpKind,
    inputs: readonly string[],
    attrs: OpAttributes,
    suffix: string,
  ): string;
  /** The node's output `index` is a constant computed at import time. */
  defineConstant(value: ConstantValue, index?: number): void;
  /** The node's first output is its input `index` unchanged (Identity, Dropout). */
  alias(index: number): void;
  fail(message: string): never;
}

export type NodeHandler = (context: NodeContext) => void;
