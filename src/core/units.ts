/**
 * Physical quantities written with their units in YAML (`2.84 GHz`,
 * `34.1 GB/s`, `45 degC`), parsed into plain SI numbers at load time.
 * Temperatures stay in degrees Celsius, since every source and every
 * report uses them. Nothing here runs in the simulation loop.
 *
 * The vocabulary is the few units socsim's files use, with SI prefixes:
 * `Hz`, `s` (and `min`, `h`), `B` and `b` (bytes and bits, with k…E or
 * Ki…Ei), `J`, `W`, `V`, `F`, `K`, `degC`, alone or as `unit/unit`. The
 * arithmetic follows mathjs's units (value × (unit × prefix)^power, then
 * divided the same way by the SI unit), which socsim used before, so every
 * file reads to the same bits without loading mathjs at start-up.
 */
export const QUANTITIES = {
  frequency: { si: "Hz", example: "2.84 GHz", largest: "1 THz" },
  bandwidth: { si: "B/s", example: "34.1 GB/s", largest: "1 PB/s" },
  bytes: { si: "B", example: "2 MB", largest: "1 PB" },
  // The simulator's clock: integer nanoseconds, exact to 2^53.
  time: { si: "s", example: "16.7 ms", largest: "9007199 s" },
  energy: { si: "J", example: "1.2 mJ", largest: "1 GJ" },
  power: { si: "W", example: "1.5 W", largest: "1 MW" },
  voltage: { si: "V", example: "0.8 V", largest: "1 kV" },
  capacitance: { si: "F", example: "1.2 nF", largest: "1 mF" },
  temperature: { si: "degC", example: "45 degC", largest: "1e6 degC" },
  // Least nonzero thermal R and C: below them a node's time constant is under a microsecond.
  thermalResistance: { si: "K/W", example: "3.5 K/W", largest: "1e6 K/W", smallest: "1 mK/W" },
  /** A thermal controller's gain: watts of budget per kelvin of error. */
  powerPerKelvin: { si: "W/K", example: "300 mW/K", largest: "1 MW/K" },
  heatCapacity: { si: "J/K", example: "1.2 J/K", largest: "1 MJ/K", smallest: "1 mJ/K" },
  energyPerByte: { si: "J/B", example: "120 pJ/B", largest: "1 mJ/B" },
} as const satisfies Record<
  string,
  { si: string; example: string; largest: string; smallest?: string }
>;

export type Quantity = keyof typeof QUANTITIES;

/** A unit string that could not be read as the quantity asked for. */
export class UnitError extends Error {}

/** Exponents of mass, length, time, current, temperature and information, in that order. */
type Dimension = readonly number[];

const SI_PREFIXES: Readonly<Record<string, number>> = {
  E: 1e18,
  P: 1e15,
  T: 1e12,
  G: 1e9,
  M: 1e6,
  k: 1e3,
  h: 1e2,
  da: 1e1,
  d: 1e-1,
  c: 1e-2,
  m: 1e-3,
  u: 1e-6,
  // The micro sign (U+00B5) and the Greek mu (U+03BC), as socsim's own messages and docs write µs.
  "\u00b5": 1e-6,
  "\u03bc": 1e-6,
  n: 1e-9,
  p: 1e-12,
  f: 1e-15,
};
const BYTE_PREFIXES: Readonly<Record<string, number>> = {
  E: 1e18,
  P: 1e15,
  T: 1e12,
  G: 1e9,
  M: 1e6,
  k: 1e3,
  Ei: 1024 ** 6,
  Pi: 1024 ** 5,
  Ti: 1024 ** 4,
  Gi: 1024 ** 3,
  Mi: 1024 ** 2,
  Ki: 1024,
};
const NO_PREFIXES: Readonly<Record<string, number>> = {};

interface UnitDefinition {
  readonly dimension: Dimension;
  /** Size in the dimension's base unit (a byte is 8 bits). */
  readonly value: number;
  /** Zero of the scale in the base unit's terms (0 °C is 273.15 K). */
  readonly offset: number;
  readonly prefixes: Readonly<Record<string, number>>;
}

const unitOf = (
  dimension: Dimension,
  prefixes: Readonly<Record<string, number>> = SI_PREFIXES,
  value = 1,
  offset = 0,
): UnitDefinition => ({ dimension, value, offset, prefixes });

const UNITS: Readonly<Record<string, UnitDefinition>> = {
  Hz: unitOf([0, 0, -1, 0, 0, 0]),
  s: unitOf([0, 0, 1, 0, 0, 0]),
  min: unitOf([0, 0, 1, 0, 0, 0], NO_PREFIXES, 60),
  h: unitOf([0, 0, 1, 0, 0, 0], NO_PREFIXES, 3600),
  b: unitOf([0, 0, 0, 0, 0, 1], BYTE_PREFIXES),
  B: unitOf([0, 0, 0, 0, 0, 1], BYTE_PREFIXES, 8),
  J: unitOf([1, 2, -2, 0, 0, 0]),
  W: unitOf([1, 2, -3, 0, 0, 0]),
  V: unitOf([1, 2, -3, -1, 0, 0]),
  F: unitOf([-1, -2, 4, 2, 0, 0]),
  K: unitOf([0, 0, 0, 0, 1, 0]),
  degC: unitOf([0, 0, 0, 0, 1, 0], SI_PREFIXES, 1, 273.15),
};

interface UnitFactor {
  readonly unit: UnitDefinition;
  readonly prefix: number;
  readonly power: 1 | -1;
}

/** A unit name, whole or as prefix + unit; undefined when it is neither. */
function findUnit(name: string): { unit: UnitDefinition; prefix: number } | undefined {
  const whole = UNITS[name];
  if (whole !== undefined) return { unit: whole, prefix: 1 };
  for (const [unitName, unit] of Object.entries(UNITS)) {
    if (!name.endsWith(unitName)) continue;
    const prefix = unit.prefixes[name.slice(0, -unitName.length)];
    if (prefix !== undefined) return { unit, prefix };
  }
  return undefined;
}

const QUANTITY_TEXT =
  /^(?<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)?\s*(?<numerator>[A-Za-z\u00b5\u03bc]+)(?:\s*\/\s*(?<denominator>[A-Za-z\u00b5\u03bc]+))?$/;

interface ParsedText {
  readonly value: number | undefined;
  readonly factors: readonly UnitFactor[];
}

function parseText(text: string): ParsedText | undefined {
  const groups = QUANTITY_TEXT.exec(text)?.groups;
  if (groups === undefined) return undefined;
  const factors: UnitFactor[] = [];
  for (const [name, power] of [
    [groups.numerator, 1],
    [groups.denominator, -1],
  ] as const) {
    if (name === undefined) continue;
    const found = findUnit(name);
    if (found === undefined) return undefined;
    factors.push({ ...found, power });
  }
  return { value: groups.number === undefined ? undefined : Number(groups.number), factors };
}

function dimensionOf(factors: readonly UnitFactor[]): Dimension {
  const sum = [0, 0, 0, 0, 0, 0];
  for (const { unit, power } of factors)
    unit.dimension.forEach((exponent, axis) => {
      sum[axis]! += exponent * power;
    });
  return sum;
}

const sameDimension = (a: Dimension, b: Dimension): boolean =>
  a.every((exponent, axis) => exponent === b[axis]);

/** The SI form of each quantity, parsed once on first use. */
const siFactors = new Map<Quantity, readonly UnitFactor[]>();
function siOf(quantity: Quantity): readonly UnitFactor[] {
  let factors = siFactors.get(quantity);
  if (factors === undefined) {
    factors = parseText(QUANTITIES[quantity].si)!.factors;
    siFactors.set(quantity, factors);
  }
  return factors;
}

/**
 * The value in SI units. A plain unit converts with its offset (kelvin to
 * °C); a compound one (`K/W`) is a ratio, where offsets do not apply.
 */
function toSi(value: number, from: readonly UnitFactor[], to: readonly UnitFactor[]): number {
  let result = value;
  for (const { unit, prefix, power } of from) result *= (unit.value * prefix) ** power;
  const plain = from.length === 1 && to.length === 1;
  if (plain && from[0]!.unit.offset !== to[0]!.unit.offset)
    result += from[0]!.unit.value * from[0]!.unit.offset - to[0]!.unit.value * to[0]!.unit.offset;
  for (const { unit, prefix, power } of to) result /= (unit.value * prefix) ** power;
  return result;
}

/** Parses `text` as the given quantity and returns its value in SI (or °C). */
export function parseQuantity(text: string, quantity: Quantity): number {
  const { si, example } = QUANTITIES[quantity];
  const parsed = parseText(text.trim());
  if (parsed === undefined)
    throw new UnitError(
      `"${text}" is not a ${quantityName(quantity)} (write it like "${example}")`,
    );
  if (parsed.value === undefined)
    throw new UnitError(`"${text}" has no number (write it like "${example}")`);
  const target = siOf(quantity);
  if (!sameDimension(dimensionOf(parsed.factors), dimensionOf(target))) {
    throw new UnitError(
      `"${text}" is not a ${quantityName(quantity)}: expected units like ${si} (e.g. "${example}")`,
    );
  }
  const value = toSi(parsed.value, parsed.factors, target);
  if (!Number.isFinite(value))
    throw new UnitError(`"${text}" is not a finite ${quantityName(quantity)}`);
  // Bounds far beyond any phone's, so that no figure derived from a value overflows.
  const { largest, smallest } = bounds(quantity);
  if (Math.abs(value) > largest.value)
    throw new UnitError(`"${text}" is out of range: at most ${largest.text}`);
  if (value !== 0 && smallest !== undefined && Math.abs(value) < smallest.value)
    throw new UnitError(`"${text}" is out of range: at least ${smallest.text} (or 0)`);
  return value;
}

const boundsOf = new Map<Quantity, ReturnType<typeof readBounds>>();
function bounds(quantity: Quantity): ReturnType<typeof readBounds> {
  let known = boundsOf.get(quantity);
  if (known === undefined) {
    known = readBounds(quantity);
    boundsOf.set(quantity, known);
  }
  return known;
}

function readBounds(quantity: Quantity) {
  const entry: { largest: string; smallest?: string } = QUANTITIES[quantity];
  const read = (text: string) => {
    const parsed = parseText(text)!;
    return { text, value: toSi(parsed.value!, parsed.factors, siOf(quantity)) };
  };
  return {
    largest: read(entry.largest),
    smallest: entry.smallest === undefined ? undefined : read(entry.smallest),
  };
}

/** The quantity's name in words: "heat capacity" for heatCapacity. */
export function quantityName(quantity: Quantity): string {
  return quantity.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}
