import { z } from "zod";
import { nonNegative, positive } from "./fields.ts";

/**
 * SoC-wide power terms. Leakage of a processor is its `power.leakage` scaled
 * by (V / reference voltage)³ and by the temperature polynomial
 * (c0 + c1·T + c2·T² + c3·T³) relative to its value at 25 °C.
 */
export const socPowerSchema = z.strictObject({
  leakage_reference_voltage: positive("voltage"),
  leakage_temperature: z.strictObject({
    c0: z.number(),
    c1: z.number(),
    c2: z.number(),
    c3: z.number(),
  }),
  /** Interconnect and memory-controller power while any big core, the GPU or an accelerator is busy. */
  uncore_active: nonNegative("power"),
  /** Everything else that stays on (screen excluded). */
  platform_idle: nonNegative("power"),
});

export type SocPowerSpec = z.output<typeof socPowerSchema>;
