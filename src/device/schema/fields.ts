import { z } from "zod";
import { type Quantity, quantity, quantityName, unknownNameMessage } from "../../core/index.ts";
import { DTYPES, isOpKind, OP_KINDS } from "../../graph/op-kinds.ts";

/** Field builders shared by the parts of the SoC schema. */

/** A quantity with its unit that must be > 0 (frequencies, capacities, bandwidths). */
export function positive(kind: Quantity) {
  return quantity(kind).refine((value) => value > 0, {
    error: `must be a positive ${quantityName(kind)}`,
  });
}

/** A quantity with its unit that must be ≥ 0 (overheads, idle powers). */
export function nonNegative(kind: Quantity) {
  return quantity(kind).refine((value) => value >= 0, { error: `must not be negative` });
}

/** The temperatures a phone can be at: above absolute zero, and no hotter than silicon survives. */
export const MIN_CELSIUS = -273.15;
export const MAX_CELSIUS = 150;

/** A temperature with its unit, in (−273.15 °C, 150 °C]; ambient, initial and held values. */
export function celsius() {
  return quantity("temperature").refine((value) => value > MIN_CELSIUS && value <= MAX_CELSIUS, {
    error: `must be above ${MIN_CELSIUS} °C and at most ${MAX_CELSIUS} °C`,
  });
}

/** A plain number in (0, 1]: efficiencies, fractions. */
export const fraction = z.number().positive().max(1);

export const dtype = z.enum(DTYPES, {
  error: (issue) => unknownNameMessage("dtype", String(issue.input), [...DTYPES]),
});

export const opKind = z.string().refine(isOpKind, {
  error: (issue) => unknownNameMessage("op kind", String(issue.input), [...OP_KINDS]),
});

/**
 * A table keyed by op kind (plus `default`, used for kinds the table does not
 * name). Keys are checked one by one so that an unknown kind is reported at
 * its own line.
 */
export function opKindTable<Value extends z.ZodType>(value: Value, allowDefault = true) {
  return z.record(z.string(), value).superRefine((table, context) => {
    for (const key of Object.keys(table)) {
      if (isOpKind(key) || (allowDefault && key === "default")) continue;
      const known = allowDefault ? [...OP_KINDS, "default"] : [...OP_KINDS];
      context.addIssue({
        code: "custom",
        path: [key],
        message: unknownNameMessage("op kind", key, known),
      });
    }
  });
}

/** Per-kind values that every consumer reads through `default` when a kind is missing. */
export function opKindTableWithDefault<Value extends z.ZodType>(value: Value) {
  return opKindTable(value).refine((table) => "default" in table, {
    error: "needs a `default` entry (used for op kinds the table does not name)",
  });
}
