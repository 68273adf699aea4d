import { z } from "zod";
import { quantity } from "../../core/index.ts";
import { positive } from "./fields.ts";

/**
 * The lumped RC thermal network: one node per processor (its hotspot) plus
 * package, board and skin; links are thermal resistances; `ambient` is the
 * fixed-temperature sink.
 */

const nodeSchema = z.strictObject({ heat_capacity: positive("heatCapacity") });

const linkSchema = z.strictObject({
  between: z.tuple([z.string().min(1), z.string().min(1)]),
  resistance: positive("thermalResistance"),
});

/** A step a thermal controller takes when a node passes a temperature. */
const tripSchema = z
  .strictObject({
    node: z.string().min(1),
    above: quantity("temperature"),
    /** Temperature below which the step is undone. */
    clear: quantity("temperature"),
    processor: z.string().min(1),
    max_freq: positive("frequency"),
  })
  .refine((trip) => trip.clear <= trip.above, {
    error: "clear must not be above the trip temperature",
    path: ["clear"],
  });

const shutdownSchema = z.strictObject({ node: z.string().min(1), above: quantity("temperature") });

export const thermalSchema = z.strictObject({
  ambient: quantity("temperature"),
  nodes: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), nodeSchema),
  links: z.array(linkSchema).min(1),
  trips: z.array(tripSchema).default([]),
  shutdown: z.array(shutdownSchema).default([]),
});

export type ThermalSpec = z.output<typeof thermalSchema>;
