import fc from "fast-check";
import { BUNDLED_SOCS } from "./scenario.ts";

/**
 * A bundled SoC with its numbers moved: every frequency (operating points,
 * governor and thermal caps alike, so their order holds), every thermal
 * resistance and capacity, every capacitance and static power, each group
 * by one factor. `socVariantText` writes it as a SoC file.
 */
export interface SocVariant {
  readonly base: string;
  readonly frequencyScale: number;
  readonly thermalScale: number;
  readonly powerScale: number;
}

export interface SocArbitraryConstraints {
  /** Bundled SoC ids to start from (default: every SoC under socs/). */
  readonly socs?: readonly string[];
  /** Largest relative change of each group, in [0, 0.9) (default 0.3: factors 0.7 to 1.3, in steps of 0.01). */
  readonly maxChange?: number;
}

/** SoC variants derived from bundled SoCs; shrinks towards the unchanged SoC. */
export function socArbitrary(constraints: SocArbitraryConstraints = {}): fc.Arbitrary<SocVariant> {
  const socs = constraints.socs ?? BUNDLED_SOCS;
  const maxChange = constraints.maxChange ?? 0.3;
  if (socs.length === 0) throw new Error("socArbitrary: socs must name at least one SoC");
  if (!(maxChange >= 0 && maxChange < 0.9))
    throw new Error(`socArbitrary: maxChange must be in [0, 0.9), got ${maxChange}`);
  const steps = Math.round(maxChange * 100);
  const factor = fc.integer({ min: -steps, max: steps }).map((step) => 1 + step / 100);
  return fc.record({
    base: fc.constantFrom(...socs),
    frequencyScale: factor,
    thermalScale: factor,
    powerScale: factor,
  });
}
