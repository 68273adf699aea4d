import { createRequire } from "node:module";
import type { Unit } from "mathjs";

// mathjs is loaded on first use, through its CommonJS build (about half the
// start-up of its ES module graph), so commands that parse no units never pay it.
let mathjs: typeof import("mathjs") | undefined;
function unit(text: string): Unit {
  mathjs ??= createRequire(import.meta.url)("mathjs") as typeof import("mathjs");
  return mathjs.unit(text);
}

/**
 * Physical quantities written with their units in YAML (`2.84 GHz`,
 * `34.1 GB/s`, `45 degC`), parsed with mathjs into plain SI numbers at load
 * time. Temperatures stay in degrees Celsius, since every source and every
 * report uses them. Nothing here runs in the simulation loop.
 */
export const QUANTITIES = {
  frequency: { si: "Hz", example: "2.84 GHz" },
  bandwidth: { si: "B/s", example: "34.1 GB/s" },
  bytes: { si: "B", example: "2 MB" },
  time: { si: "s", example: "16.7 ms" },
  energy: { si: "J", example: "1.2 mJ" },
  power: { si: "W", example: "1.5 W" },
  voltage: { si: "V", example: "0.8 V" },
  capacitance: { si: "F", example: "1.2 nF" },
  temperature: { si: "degC", example: "45 degC" },
  thermalResistance: { si: "K/W", example: "3.5 K/W" },
  heatCapacity: { si: "J/K", example: "1.2 J/K" },
  energyPerByte: { si: "J/B", example: "120 pJ/B" },
} as const;

export type Quantity = keyof typeof QUANTITIES;

/** A unit string that could not be read as the quantity asked for. */
export class UnitError extends Error {}

const referenceUnits = new Map<Quantity, Unit>();

function reference(quantity: Quantity): Unit {
  let ref = referenceUnits.get(quantity);
  if (ref === undefined) {
    ref = unit(`1 ${QUANTITIES[quantity].si}`);
    referenceUnits.set(quantity, ref);
  }
  return ref;
}

/** Parses `text` as the given quantity and returns its value in SI (or °C). */
export function parseQuantity(text: string, quantity: Quantity): number {
  const { si, example } = QUANTITIES[quantity];
  let parsed: Unit;
  try {
    parsed = unit(text.trim());
  } catch {
    throw new UnitError(`"${text}" is not a ${describe(quantity)} (write it like "${example}")`);
  }
  if (parsed.value === null || parsed.value === undefined) {
    throw new UnitError(`"${text}" has no number (write it like "${example}")`);
  }
  if (!parsed.equalBase(reference(quantity))) {
    throw new UnitError(
      `"${text}" is not a ${describe(quantity)}: expected units like ${si} (e.g. "${example}")`,
    );
  }
  const value = parsed.toNumber(si);
  if (!Number.isFinite(value))
    throw new UnitError(`"${text}" is not a finite ${describe(quantity)}`);
  return value;
}

function describe(quantity: Quantity): string {
  return quantity.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}
