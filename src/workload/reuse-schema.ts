import { z } from "zod";
import { quantity } from "../core/index.ts";

/**
 * An app's `reuse:` block: result reuse on a video stream (docs/data-reuse.md).
 * Every frame first pays a similarity check on the CPU; a frame similar
 * enough to the frames before it then reuses the last computed result
 * (`level: frame`) or the last computed outputs of the model's first ops
 * (`level: layer`, the `prefix`). `level: off` turns the block off, so that
 * a sweep can vary the level of one base file.
 */

const probability = (what: string) =>
  z
    .number({ error: `expected a number (${what})` })
    .min(0, { error: `${what} must be between 0 and 1` })
    .max(1, { error: `${what} must be between 0 and 1` });

/**
 * Two states, similar and different, each frame's drawn from the previous
 * frame's: a similar frame has similarity 1, a different one 0.
 */
const markovSimilarity = z.strictObject({
  process: z.literal("markov"),
  /** P(similar | the frame before was similar). Assumed (docs/data-reuse.md). */
  stay_similar: probability("stay_similar").default(0.8),
  /** P(similar | the frame before was different). Assumed. */
  become_similar: probability("become_similar").default(0.2),
});

const traceSimilarity = z.strictObject({
  process: z.literal("trace"),
  /** CSV with one similarity in [0, 1] per frame (first column), relative to the workload file; replayed from the start when it runs out. */
  file: z.string().min(1),
});

export const similaritySchema = z.discriminatedUnion("process", [
  markovSimilarity,
  traceSimilarity,
]);

export const reuseSchema = z
  .strictObject({
    level: z.enum(["off", "frame", "layer"]),
    similarity: similaritySchema.default({
      process: "markov",
      stay_similar: 0.8,
      become_similar: 0.2,
    }),
    /** A frame whose similarity is at least this reuses. Assumed. */
    threshold: z
      .number({ error: "expected a number (threshold)" })
      .gt(0, { error: "threshold must be > 0 and at most 1" })
      .lte(1, { error: "threshold must be > 0 and at most 1" })
      .default(0.9),
    /**
     * Layer level: the ops a reused frame skips, the model's first ones in
     * its op order (a topological order): a fraction of its ops, or every op
     * up to and including the one named. Assumed default.
     */
    prefix: z
      .union([
        z
          .number({ error: "expected a fraction of the ops or an op name (prefix)" })
          .gt(0, { error: "a prefix fraction must be > 0 and < 1" })
          .lt(1, { error: "a prefix fraction must be > 0 and < 1" }),
        z.string().min(1),
      ])
      .optional(),
    /** CPU time the check spends per element of the model's input (a frame difference). Assumed. */
    check_per_element: quantity("time")
      .refine((seconds) => seconds >= 0, { error: "check_per_element must not be negative" })
      .default(2e-9),
  })
  .refine((reuse) => reuse.level === "layer" || reuse.prefix === undefined, {
    error: "prefix applies only to level: layer",
    path: ["prefix"],
  });

/** The layer level's default prefix: the first 30 % of the ops (assumed). */
export const DEFAULT_PREFIX_FRACTION = 0.3;

export type ReuseSpec = z.output<typeof reuseSchema>;
export type SimilaritySpec = z.output<typeof similaritySchema>;
