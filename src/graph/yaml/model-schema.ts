import { z } from "zod";
import { DTYPES } from "../op-kinds.ts";

/**
 * The `kind: model` YAML format: the IR's ops written by hand. Attribute
 * names are the IR's in snake_case; sizes that are usually square may be
 * one number (`kernel: 3`).
 */
const positive = z.number().int().positive();
const nonNegative = z.number().int().nonnegative();
const square = z.union([positive, z.tuple([positive, positive])]);
const shape = z.array(positive).min(1);

export const PADDING_WORDS = ["same", "valid"] as const;

export const opSchema = z
  .object({
    name: z.string().min(1),
    kind: z.string().min(1),
    inputs: z.array(z.string().min(1)).min(1).optional(),
    outputs: z.array(z.string().min(1)).min(1).optional(),
    dtype: z.enum(DTYPES).optional(),
    kernel: square.optional(),
    stride: square.optional(),
    dilation: square.optional(),
    padding: z
      .union([
        z.enum(PADDING_WORDS),
        nonNegative,
        z.tuple([nonNegative, nonNegative]),
        z.tuple([nonNegative, nonNegative, nonNegative, nonNegative]),
      ])
      .optional(),
    groups: positive.optional(),
    out_channels: positive.optional(),
    bias: z.boolean().optional(),
    axis: z.number().int().optional(),
    scale: z
      .union([z.number().positive(), z.tuple([z.number().positive(), z.number().positive()])])
      .optional(),
    shape: z.array(z.number().int().min(-1)).min(1).optional(),
    permutation: z.array(nonNegative).min(1).optional(),
    heads: positive.optional(),
    block_size: positive.optional(),
    slope: z.number().optional(),
    splits: z.array(positive).min(1).optional(),
    ceil_mode: z.boolean().optional(),
    output_padding: z.union([nonNegative, z.tuple([nonNegative, nonNegative])]).optional(),
    mode: z.enum(["nearest", "bilinear"]).optional(),
    vocabulary: positive.optional(),
    operand_shape: shape.optional(),
    transpose_b: z.boolean().optional(),
  })
  .strict();

export type OpEntry = z.output<typeof opSchema>;

export const modelSchema = z
  .object({
    kind: z.literal("model"),
    name: z.string().min(1),
    description: z.string().optional(),
    dtype: z.enum(DTYPES).default("fp32"),
    inputs: z.record(z.string().min(1), shape).refine((inputs) => Object.keys(inputs).length > 0, {
      message: "a model needs at least one input",
    }),
    ops: z.array(opSchema).min(1),
    outputs: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export type ModelEntry = z.output<typeof modelSchema>;
