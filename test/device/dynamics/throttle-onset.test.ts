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

/** The share of its first ten seconds' inference rate a phone keeps over the last minute of the run. */
function performanceKept(soc: string, runS: number, ambientC?: number): number {
  const run = heatUp(soc, runS, ambientC === undefined ? {} : { ambientC });
  return run.inferencesPerSecondEnd / run.inferencesPerSecondStart;
}

describe("back-to-back VGG-16 on the GPU reaches the first throttling step within minutes (25 °C, default governors)", () => {
  for (const [soc, runS] of [
    ["kirin-990", 200],
    ["snapdragon-888", 200],
    ["snapdragon-855", 300],
    ["snapdragon-865", 300],
    ["tensor-g1", 200],
  ] as const)
    it(`${soc}: within ${WINDOW_S.from}–${WINDOW_S.to} s`, () => expectOnsetInWindow(soc, runS));

  it("settles the SD855 below its start power", () => {
    const sd855 = heatUp("snapdragon-855", 600);
    expect(sd855.settledPowerW).toBeLessThan(sd855.startPowerW);
  });

  // AVMagazine's Xiaomi 9 lost 15–30 % of its performance in GPU stress runs in a 26 °C room
  // (socs/snapdragon-855.yaml X1): one of the two constraints its network is derived from, at steady state
  // (scripts/dynamics-validation/derive-resistance.ts re-derives it when the GPU's costs move).
  it("keeps 70–85 % of the SD855's GPU performance at 26 °C, as the Xiaomi 9 did", () => {
    const kept = performanceKept("snapdragon-855", 3600, 26);
    expect(kept).toBeGreaterThanOrEqual(0.7);
    expect(kept).toBeLessThanOrEqual(0.85);
  });

  // Expected to fail: the S21's 3 W is a Samsung phone's, with a 42 °C skin target. The Xiaomi 11's
  // own sources show it throttling less (AnandTech Mi 11 review p.3, HotHardware Mi 11 review p.2), and
  // AnandTech's Mi 11 Ultra review p.3 found the Mi 11 runs anonymous and third-party apps' GPU loads
  // (an inference app's among them) without thermal throttling past 50 °C skin, so only the tsens
  // junction trips bind: the GPU settles near 3.8 W on its 95 °C trip. No sustained figure for such a
  // load on a Mi 11 was found (nor a Xiaomi SM8350 thermal-engine configuration in the repositories searched), so the network
  // keeps the Kirin 970 figure. Remove `.fails` when a Xiaomi 11 (Pro) measurement re-derives it.
  it.fails("settles the SD888's GPU near the 3 W its sources report", () => {
    expect(heatUp("snapdragon-888", 600).gpuSettledPowerW).toBeLessThan(3.5);
  });

  // A Pixel 6's Wild Life Stress Test (20 loops, about 20 minutes) kept 56 % (socs/tensor-g1.yaml X1).
  // With the thermal HAL's PID power budgets modelled from its config (S6, H1) and the surface at the
  // 7 K/W top of what its sources allow, socsim kept 63 % before the Huber refit of 2026-12-04, 58.9 %
  // after it (VGG-16 more compute-bound on the G78, so each GPU step down costs more throughput), and
  // 59.1 % after the evening's refit (issue 18's seventh round, 0.1 point outside the band), and
  // 57.8 % after the eighth round's: how compute-bound VGG-16 is on the G78 moves with every refit of
  // the shared GPU coefficients (the G78's own are not fitted); the thermal model did not change.
  it("keeps the Tensor's GPU within 3 points of the Pixel 6's 56 %", () => {
    expect(Math.abs(performanceKept("tensor-g1", 1200) - 0.56)).toBeLessThanOrEqual(0.03);
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

  // AnandTech (Xiaomi Mi MIX 2S review p.3): phones sustain 3–3.5 W of SoC power, at its 22 °C.
  it("settles the SD865's SoC power within 3–3.5 W at 22 °C", () => {
    const run = heatUp("snapdragon-865", 1800, { ambientC: 22 });
    const soc = run.settledPowerW - run.startBreakdownW.platform;
    expect(soc).toBeGreaterThanOrEqual(3);
    expect(soc).toBeLessThanOrEqual(3.5);
  });
});
