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

  // Expected to fail: with the phantom DRAM bytes gone (issue 17 item 6) the SD855 draws 4.5 W
  // (GPU 3.05 W), inside the 4–5 W a phone sheds, and its GPU settles just under the 85 °C gpuss
  // trip: its first step comes after 1705 s, once the frame has warmed. Audited: no sourced Adreno
  // 640 power raises the GPU's assumed 3 W, and no Xiaomi 9 sustained-power or heat-up measurement
  // was found to replace the Kirin 970 junction → ambient figure the network borrows. Remove
  // `.fails` when a phone-specific source re-derives the network or the GPU power.
  it.fails(`snapdragon-855: within ${WINDOW_S.from}–${WINDOW_S.to} s`, () =>
    expectOnsetInWindow("snapdragon-855", 300));

  // Expected to fail: the SD888's GPU busy power (5 W at 840 MHz) is assumed from AnandTech's
  // "very hot" peak, with no measured peak found; its GPU settles near 4 W (3.88 W over the last
  // minute of an hour), above the S21's 3 W. Remove `.fails` when a measured Adreno 660 power replaces it.
  it.fails("settles the SD888's GPU near the 3 W its sources report", () => {
    expect(heatUp("snapdragon-888", 600).gpuSettledPowerW).toBeLessThan(3.5);
  });

  // Expected to fail for the SD855's reason above: it does not step within 10 minutes, so it settles above its start.
  it.fails("settles the SD855 below its start power", () => {
    const sd855 = heatUp("snapdragon-855", 600);
    expect(sd855.settledPowerW).toBeLessThan(sd855.startPowerW);
  });
});

describe("the power a sustained GPU load draws against a measured one", () => {
  // AnandTech measured the Mate 9 (Kirin 960) at 8.63 W system load power (active minus idle) in
  // GFXBench Manhattan 3.1 (notes §8); the seed phones have no such measurement (docs/dynamics-validation.md).
  it("puts the Kirin 960's whole load within 10 % of 8.63 W", () => {
    const { startPowerW, startBreakdownW } = heatUp("kirin-960", 10);
    const load = startPowerW - startBreakdownW.platform;
    expect(load).toBeGreaterThan(8.63 * 0.9);
    expect(load).toBeLessThan(8.63 * 1.1);
  });
});
