import { z } from "zod";
import { identifier } from "../../core/index.ts";

/**
 * `kind: sweep`: a base scenario and the values to give its fields, as a
 * cross product of `axes` or an explicit list of `runs` (one of the two).
 */
export const sweepSchema = z
  .strictObject({
    kind: z.literal("sweep"),
    name: identifier(),
    description: z.string().optional(),
    /** The scenario every run starts from, relative to the sweep file. */
    base: z.string().min(1),
    axes: z
      .record(
        z.string(),
        z.array(z.unknown()).min(1, { error: "an axis needs at least one value" }),
      )
      .optional(),
    runs: z
      .array(z.record(z.string(), z.unknown()))
      .min(1, { error: "list at least one run" })
      .optional(),
  })
  .superRefine((sweep, context) => {
    if ((sweep.axes === undefined) === (sweep.runs === undefined))
      context.addIssue({
        code: "custom",
        path: [],
        message:
          "give either axes (a cross product) or runs (an explicit list), not both or neither",
      });
  });

export type SweepSpec = z.output<typeof sweepSchema>;
