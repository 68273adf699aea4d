import type { SocPowerSpec } from "../schema/power-schema.ts";

/**
 * Leakage relative to 25 °C from the SoC's temperature polynomial
 * c0 + c1·T + c2·T² + c3·T³, evaluated without allocating (it runs every
 * thermal tick for every processor).
 */
export class LeakageCurve {
  private readonly c0: number;
  private readonly c1: number;
  private readonly c2: number;
  private readonly c3: number;
  private readonly atReference: number;

  constructor(power: SocPowerSpec) {
    ({ c0: this.c0, c1: this.c1, c2: this.c2, c3: this.c3 } = power.leakage_temperature);
    this.atReference = this.polynomial(25);
  }

  /** Leakage at `celsius` as a multiple of leakage at 25 °C. */
  factor(celsius: number): number {
    return this.polynomial(celsius) / this.atReference;
  }

  private polynomial(t: number): number {
    return this.c0 + t * (this.c1 + t * (this.c2 + t * this.c3));
  }
}
