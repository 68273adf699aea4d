import type { SocSpec } from "../load-soc.ts";
import type { Target } from "./target.ts";

/** Leakage multiplier at `celsius` relative to 25 °C, from the SoC's temperature polynomial. */
export function leakageTemperatureFactor(soc: SocSpec, celsius: number): number {
  const { c0, c1, c2, c3 } = soc.power.leakage_temperature;
  const at = (t: number) => c0 + t * (c1 + t * (c2 + t * c3));
  return at(celsius) / at(25);
}

/**
 * Power of a target while it computes: per busy core C·V²·f plus leakage
 * scaled by (V / Vref)³ and temperature. `frequencies` and `voltages` are per
 * target domain.
 */
export function busyPower(
  soc: SocSpec,
  target: Target,
  frequencies: ArrayLike<number>,
  voltages: ArrayLike<number>,
  celsius: number,
): number {
  const temperature = leakageTemperatureFactor(soc, celsius);
  const reference = soc.power.leakage_reference_voltage;
  let watts = 0;
  target.domains.forEach((domain, index) => {
    const power = soc.processors[domain]!.power;
    const voltage = voltages[index]!;
    const dynamic = power.dynamic_capacitance * voltage * voltage * frequencies[index]!;
    const leakage = power.leakage * (voltage / reference) ** 3 * temperature;
    watts += target.threadsPerDomain[index]! * (dynamic + leakage);
  });
  return watts;
}

/** Each domain of the target at its highest operating point: `[frequencies, voltages]`. */
export function topOperatingPoints(soc: SocSpec, target: Target): [Float64Array, Float64Array] {
  const frequencies = new Float64Array(target.domains.length);
  const voltages = new Float64Array(target.domains.length);
  target.domains.forEach((domain, index) => {
    const top = soc.processors[domain]!.operating_points.at(-1)!;
    frequencies[index] = top.freq;
    voltages[index] = top.voltage;
  });
  return [frequencies, voltages];
}
