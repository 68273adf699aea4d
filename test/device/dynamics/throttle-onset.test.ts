import { describe, expect, it } from "vitest";
import { heatUp } from "../../../scripts/dynamics-validation/heat-up.ts";

/** No source reports when these phones first step their GPU down: issue 17's assumed window. */
const WINDOW_S = { from: 60, to: 600 };

function expectOnsetInWindow(soc: string, runS: number): void {
  const { firstThrottleS } = heatUp(soc, runS);
  expect(firstThrottleS).not.toBeNull();
  expect(firstThrottleS!).toBeGreaterThanOrEqual(WINDOW_S.from);
  expect(firstThrottleS!).toBeLessThanOrEqual(WINDOW_S.to);
}

describe("back-to-back VGG-16 on the GPU reaches the first throttling step within minutes (25 °C, default governors)", () => {
  it(`kirin-990: within ${WINDOW_S.from}–${WINDOW_S.to} s`, () =>
    expectOnsetInWindow("kirin-990", 200));

  it(`snapdragon-888: within ${WINDOW_S.from}–${WINDOW_S.to} s`, () =>
    expectOnsetInWindow("snapdragon-888", 200));

  // Expected to fail: the network (issue 17 item 1) was derived while the GPU's fully-connected
  // layers were charged phantom DRAM bytes (about 1.3 W of VGG-16's 5.8 W). Without them (item 6)
  // the SD855 draws 4.5 W and its GPU settles at 81.5 °C, under the 85 °C gpuss trip. Remove
  // `.fails` when the network is re-derived against the honest load.
  it.fails(`snapdragon-855: within ${WINDOW_S.from}–${WINDOW_S.to} s`, () =>
    expectOnsetInWindow("snapdragon-855", 300));

  // Expected to fail: the SD888's GPU busy power (5 W at 840 MHz) is assumed from AnandTech's
  // "very hot" peak; with the phantom DRAM heat gone (item 6) the GPU reaches the 95 °C trip
  // later and settles at 4.3 W. Remove `.fails` when a measured Adreno 660 power replaces it.
  it.fails("settles the SD888's GPU near the 3 W its sources report", () => {
    expect(heatUp("snapdragon-888", 600).gpuSettledPowerW).toBeLessThan(3.5);
  });

  // Expected to fail for the SD855's reason above: it never throttles, so it settles above its start.
  it.fails("settles the SD855 below its start power", () => {
    const sd855 = heatUp("snapdragon-855", 600);
    expect(sd855.settledPowerW).toBeLessThan(sd855.startPowerW);
  });
});
