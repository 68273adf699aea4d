import { z } from "zod";
import { celsius, nonNegative, positive } from "./fields.ts";

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
    above: celsius(),
    /** Temperature below which the step is undone. */
    clear: celsius(),
    processor: z.string().min(1),
    max_freq: positive("frequency"),
  })
  .refine((trip) => trip.clear <= trip.above, {
    error: "clear must not be above the trip temperature",
    path: ["clear"],
  });

const shutdownSchema = z.strictObject({ node: z.string().min(1), above: celsius() });

type Trip = z.output<typeof tripSchema>;

/**
 * The trips of one processor on one node form a ladder: each is hotter than
 * the one listed before it and caps lower. A ladder out of order would let a
 * cooler trip hold a lower cap than a hotter one.
 */
function checkTripLadders(trips: readonly Trip[], context: z.RefinementCtx): void {
  const previous = new Map<string, Trip>();
  trips.forEach((trip, index) => {
    const key = `${trip.node}\u0000${trip.processor}`;
    const before = previous.get(key);
    previous.set(key, trip);
    if (before === undefined) return;
    if (trip.above <= before.above) {
      context.addIssue({
        code: "custom",
        path: [index, "above"],
        message: `trip points of ${trip.processor} on ${trip.node} must be listed in rising temperature (${trip.above} °C comes after ${before.above} °C)`,
      });
    } else if (trip.max_freq >= before.max_freq) {
      context.addIssue({
        code: "custom",
        path: [index, "max_freq"],
        message: `a hotter trip must cap ${trip.processor} lower (${trip.max_freq / 1e6} MHz at ${trip.above} °C, after ${before.max_freq / 1e6} MHz at ${before.above} °C)`,
      });
    }
  });
}

/** A processor a power-budget controller throttles: its share of the budget and how low it may go. */
const budgetedProcessorSchema = z.strictObject({
  processor: z.string().min(1),
  weight: z.number().positive(),
  /** The lowest frequency the controller may cap it at (the HAL's CdevCeiling state). */
  min_freq: positive("frequency"),
});

/**
 * A PID power-budget controller (the Pixel thermal HAL's PIDInfo, of the
 * kind of Linux's power_allocator): every `period` while its node is past
 * `engage`, a power budget of sustainable power + proportional + integral
 * terms on the error to `target`, split among its processors by weight,
 * each capped at the fastest point whose busy power fits its share.
 */
const powerControllerSchema = z
  .strictObject({
    node: z.string().min(1),
    engage: z.strictObject({ above: celsius(), clear: celsius() }),
    target: celsius(),
    period: positive("time"),
    /** Proportional gain when the node is over the target (K_Po), and under it (K_Pu). */
    gain_over: nonNegative("powerPerKelvin"),
    gain_under: nonNegative("powerPerKelvin"),
    /** Added to the integral term per period, per kelvin of error (K_I). */
    gain_integral: nonNegative("powerPerKelvin"),
    /** The integral term's bound either side of zero (I_Max). */
    integral_max: nonNegative("power"),
    /** The integral grows only while the node is above this (target − I_Cutoff). */
    integral_above: celsius(),
    sustainable_power: nonNegative("power"),
    budget_min: nonNegative("power"),
    budget_max: positive("power"),
    processors: z.array(budgetedProcessorSchema).min(1),
  })
  .refine((controller) => controller.engage.clear <= controller.engage.above, {
    error: "engage.clear must not be above engage.above",
    path: ["engage", "clear"],
  })
  .refine((controller) => controller.budget_min <= controller.budget_max, {
    error: "budget_min must not be above budget_max",
    path: ["budget_min"],
  });

export const thermalSchema = z.strictObject({
  ambient: celsius(),
  nodes: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), nodeSchema),
  links: z.array(linkSchema).min(1),
  trips: z.array(tripSchema).default([]).superRefine(checkTripLadders),
  shutdown: z.array(shutdownSchema).default([]),
  power_controllers: z.array(powerControllerSchema).default([]),
});

export type ThermalSpec = z.output<typeof thermalSchema>;
export type PowerControllerSpec = z.output<typeof powerControllerSchema>;
