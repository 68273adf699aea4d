import type { OpKind } from "../op-kinds.ts";
import { conv2d, depthwiseConv2d, transposedConv2d } from "./conv.ts";
import { binary, normalization, softmax, unary } from "./elementwise.ts";
import {
  concat,
  depthToSpace,
  flatten,
  pad,
  reshape,
  resize,
  spaceToDepth,
  split,
  transpose,
} from "./layout.ts";
import { attention, embedding, fullyConnected, matmul } from "./linear.ts";
import { globalAvgPool, windowPool } from "./pool.ts";
import type { KindRule } from "./rule.ts";

export { FLOPS_PER_ELEMENT, flopsPerElement } from "./elementwise-cost.ts";
export type { KindRule, RuleContext, RuleInput, Work } from "./rule.ts";

/** The rule of every op kind; a kind without a rule does not type-check. */
export const KIND_RULES: Readonly<Record<OpKind, KindRule>> = {
  conv2d,
  depthwise_conv2d: depthwiseConv2d,
  transposed_conv2d: transposedConv2d,
  fully_connected: fullyConnected,
  matmul,
  batchnorm: normalization("batchnorm", "channel"),
  instance_norm: normalization("instance_norm", "channel"),
  layernorm: normalization("layernorm", "last"),
  relu: unary("relu"),
  relu6: unary("relu6"),
  leaky_relu: unary("leaky_relu"),
  sigmoid: unary("sigmoid"),
  tanh: unary("tanh"),
  swish: unary("swish"),
  hard_swish: unary("hard_swish"),
  hard_sigmoid: unary("hard_sigmoid"),
  gelu: unary("gelu"),
  max_pool: windowPool,
  avg_pool: windowPool,
  global_avg_pool: globalAvgPool,
  add: binary("add"),
  mul: binary("mul"),
  concat,
  split,
  reshape,
  flatten,
  transpose,
  resize,
  softmax,
  attention,
  pad,
  space_to_depth: spaceToDepth,
  depth_to_space: depthToSpace,
  embedding,
};
