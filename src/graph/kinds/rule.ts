import type { PathSegment } from "../../core/input-error.ts";
import type { OpAttributes } from "../ir.ts";
import type { Shape } from "../shape.ts";

/** One activation input of an op being assembled, with where it comes from (for error messages). */
export interface RuleInput {
  readonly shape: Shape;
  /** `op "conv1"` or `graph input "image"`. */
  readonly from: string;
}

export interface RuleContext {
  readonly inputs: readonly RuleInput[];
  readonly attrs: OpAttributes;
  /** Throws a GraphError about this op; `field` is the attribute or input it concerns. */
  fail(message: string, field?: readonly PathSegment[]): never;
}

export interface Work {
  readonly macs: number;
  readonly flops: number;
  readonly params: number;
}

/**
 * What the IR knows about one op kind: how many activation inputs it takes,
 * which attributes it needs, the output shapes it produces and the work it
 * does. MACs count conv, transposed conv, FC, matmul and attention products
 * only (the torchvision/pycls convention of models.md).
 */
export interface KindRule {
  /** Minimum and maximum number of activation inputs. */
  readonly arity: readonly [number, number];
  readonly required?: readonly (keyof OpAttributes)[];
  /** Optional attributes; any other one given is an input error (`fused` is always accepted). */
  readonly accepts?: readonly (keyof OpAttributes)[];
  outputCount?(attrs: OpAttributes): number;
  infer(context: RuleContext): Shape[];
  work(inputs: readonly Shape[], outputs: readonly Shape[], attrs: OpAttributes): Work;
}

/** The first input's shape; rank-checked when `rank` is given. */
export function firstInput(context: RuleContext, rank?: number): Shape {
  const input = context.inputs[0]!;
  if (rank !== undefined && input.shape.length !== rank) {
    context.fail(
      `expects a rank-${rank} input ([1, C, H, W] for feature maps), got [${input.shape.join(", ")}] from ${input.from}`,
      ["inputs", 0],
    );
  }
  return input.shape;
}

export function positiveInteger(
  context: RuleContext,
  value: number | undefined,
  field: keyof OpAttributes,
  fallback: number,
): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) {
    context.fail(`${field} must be a positive integer, got ${result}`, [field]);
  }
  return result;
}

export function pairOf(
  context: RuleContext,
  value: readonly [number, number] | undefined,
  field: keyof OpAttributes,
  fallback: readonly [number, number],
  minimum = 1,
): readonly [number, number] {
  const pair = value ?? fallback;
  for (const item of pair) {
    if (!Number.isInteger(item) || item < minimum) {
      context.fail(`${field} must be integers >= ${minimum}, got [${pair.join(", ")}]`, [field]);
    }
  }
  return pair;
}
