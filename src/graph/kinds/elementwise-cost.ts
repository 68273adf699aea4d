import type { OpKind } from "../op-kinds.ts";

/**
 * Floating-point operations per output element of the memory-bound kinds
 * (and of kinds fused into a conv). Rough counts of the arithmetic in a
 * straightforward kernel (e.g. sigmoid = exp, add, divide, negate); the cost
 * model prices these ops by bytes moved, so only the order of magnitude
 * matters.
 */
export const FLOPS_PER_ELEMENT: Partial<Record<OpKind, number>> = {
  batchnorm: 2,
  instance_norm: 4,
  layernorm: 5,
  relu: 1,
  relu6: 2,
  leaky_relu: 2,
  sigmoid: 4,
  tanh: 5,
  swish: 5,
  hard_swish: 4,
  hard_sigmoid: 3,
  gelu: 8,
  add: 1,
  mul: 1,
  softmax: 5,
};

export function flopsPerElement(kind: OpKind): number {
  return FLOPS_PER_ELEMENT[kind] ?? 0;
}
