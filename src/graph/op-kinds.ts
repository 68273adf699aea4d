/**
 * The closed set of operator kinds socsim's IR knows. Support tables in
 * `socs/*.yaml`, the cost model's per-kind efficiencies and the zoo all name
 * kinds from this list; anything else is an input error.
 */
export const OP_KINDS = [
  "conv2d",
  "depthwise_conv2d",
  "transposed_conv2d",
  "fully_connected",
  "matmul",
  "batchnorm",
  "relu",
  "relu6",
  "leaky_relu",
  "sigmoid",
  "tanh",
  "swish",
  "hard_swish",
  "hard_sigmoid",
  "gelu",
  "max_pool",
  "avg_pool",
  "global_avg_pool",
  "add",
  "mul",
  "concat",
  "split",
  "reshape",
  "flatten",
  "transpose",
  "resize",
  "softmax",
  "layernorm",
  "instance_norm",
  "attention",
  "pad",
  "space_to_depth",
  "depth_to_space",
  "embedding",
] as const;

export type OpKind = (typeof OP_KINDS)[number];

/** Element-wise activations: each output element depends on its input element only. */
export const ACTIVATION_KINDS: ReadonlySet<OpKind> = new Set<OpKind>([
  "relu",
  "relu6",
  "leaky_relu",
  "sigmoid",
  "tanh",
  "swish",
  "hard_swish",
  "hard_sigmoid",
  "gelu",
]);

export const DTYPES = ["fp32", "fp16", "int8"] as const;
export type DType = (typeof DTYPES)[number];

export const DTYPE_BYTES: Readonly<Record<DType, number>> = { fp32: 4, fp16: 2, int8: 1 };

export function isOpKind(name: string): name is OpKind {
  return (OP_KINDS as readonly string[]).includes(name);
}
