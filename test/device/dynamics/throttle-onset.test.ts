import { describe, expect, it } from "vitest";
import { heatUp } from "../../../scripts/dynamics-validation/heat-up.ts";

/** No source reports when these phones first step their GPU down: issue 17's assumed window. */
const WINDOW_S = { from: 60, to: 600 };

describe("back-to-back VGG-16 on the GPU reaches the first throttling step within minutes (25 °C, default governors)", () => {
  for (const [soc, runS] of [
    ["snapdragon-855", 300],
    ["kirin-990", 200],
  ] as const) {
    it(`${soc}: within ${WINDOW_S.from}–${WINDOW_S.to} s`, () => {
      const { firstThrottleS } = heatUp(soc, runS);
      expect(firstThrottleS).not.toBeNull();
      expect(firstThrottleS!).toBeGreaterThanOrEqual(WINDOW_S.from);
      expect(firstThrottleS!).toBeLessThanOrEqual(WINDOW_S.to);
    });
  }

  // Expected to fail: the SD888 starts at 8.5 W because its GPU's busy power (5 W at 840 MHz)
  // is assumed from AnandTech's "very hot" peak, so its GPU reaches the kernel's 95 °C trip in
  // 52 s. Remove `.fails` when a measured Adreno 660 power replaces the assumption.
  it.fails(`snapdragon-888: within ${WINDOW_S.from}–${WINDOW_S.to} s`, () => {
    const { firstThrottleS } = heatUp("snapdragon-888", 120);
    expect(firstThrottleS!).toBeGreaterThanOrEqual(WINDOW_S.from);
  });

  it("settles the SD888's GPU near the 3 W its sources report, and the SD855 below its start power", () => {
    expect(heatUp("snapdragon-888", 600).gpuSettledPowerW).toBeLessThan(3.5);
    const sd855 = heatUp("snapdragon-855", 600);
    expect(sd855.settledPowerW).toBeLessThan(sd855.startPowerW);
  });
});
