import { z } from "zod";
import { parseQuantity, type Quantity, UnitError } from "./units.ts";

// Kept apart from schema.ts so that readers of unit-free files (models) do not load mathjs.
/** A quantity with units written out (`2.84 GHz`), parsed to an SI number (°C for temperatures). */
export function quantity(kind: Quantity) {
  return z
    .string({ error: `expected a ${kind} with its unit, as a string` })
    .transform((text, context) => {
      try {
        return parseQuantity(text, kind);
      } catch (error) {
        if (!(error instanceof UnitError)) throw error;
        context.addIssue({ code: "custom", message: error.message });
        return z.NEVER;
      }
    });
}
