import { z } from "zod";
import { parseYaml, readTextFile, validateSource } from "../../core/index.ts";

/**
 * `scenarios/paper/phones.yaml`: what the seed study's phones showed, each
 * figure with its section. It is the "paper" column of the comparison and
 * is read nowhere else: no figure of the study enters the simulator.
 */
const figureSchema = z.strictObject({
  source: z.string().min(1),
  text: z.string().min(1),
  /** One number. */
  value: z.number().optional(),
  /** The study gives a span (across models or phones). */
  range: z.tuple([z.number(), z.number()]).optional(),
  /** The study gives a bound ("more than 90 %"). */
  at_least: z.number().optional(),
  /** One number per model and method (Table 3). */
  cells: z.record(z.string(), z.number()).optional(),
  unit: z.enum(["×", "ms", "share", "reduction", "%"]).optional(),
});

const paperSchema = z.strictObject({
  kind: z.literal("paper-figures"),
  figures: z.record(z.string(), figureSchema),
});

export type PaperFigure = z.output<typeof figureSchema>;
export type PaperFigures = Readonly<Record<string, PaperFigure>>;

export function loadPaperFigures(file: string): PaperFigures {
  // Not a kind socsim simulates: read as plain YAML, its kind checked by the schema.
  return validateSource(parseYaml(file, readTextFile(file)), paperSchema).figures;
}
