import { describe, expect, it } from "vitest";
import { PINNED_SD855, sigmaRun } from "../../../scripts/dynamics-validation/sigma.ts";

describe("seed study σ conditions on the Snapdragon 855 (MACE on the GPU)", () => {
  it("σ1/σ2: a phone pre-heated to 60 / 70 °C at the GPU is not faster than σ0 at 30 °C", async () => {
    const sigma0 = await sigmaRun("vgg16", "single-gpu", ["preheat: { gpu: 30 degC }"], 5);
    for (const celsius of [60, 70]) {
      const preheated = await sigmaRun(
        "vgg16",
        "single-gpu",
        [`preheat: { gpu: ${celsius} degC }`],
        5,
      );
      const size = preheated.meanLatencyMs / sigma0.meanLatencyMs - 1;
      expect(
        size,
        `σ at ${celsius} °C changes latency by ${(size * 100).toFixed(1)} %`,
      ).toBeGreaterThanOrEqual(-1e-9);
    }
  });

  it("σ3: a cache pinned at a 20 % hit rate is not faster than σ0", async () => {
    const sigma0 = await sigmaRun("vgg16", "single-gpu", [], 5);
    const sigma3 = await sigmaRun("vgg16", "single-gpu", ["cache_hit_rate: 0.2"], 5);
    expect(sigma3.meanLatencyMs).toBeGreaterThanOrEqual(sigma0.meanLatencyMs);
  });

  // Expected to fail: σ4's thread alternates forced CPU ops with waits for the GPU, so WALT's
  // windows on the CPU stay under the 90 % hispeed load and the 80 % at which schedutil's
  // headroom raises the clock; the Xiaomi 9 gives the top app no boost (MIUI's schedtune.boost 0).
  // With the host thread's launches and transfers as CPU work, MACE's 2 ms pool spin and its pool
  // rebalancing at the current clocks, VGG-16 is +11.2 % with default governors against −15.2 %
  // pinned (26.3 points; yolov2 75.7, posenet 47.5; docs/dynamics-validation.md, 2026-12-05).
  // The wait for the GPU is a sleep (KGSL's adreno_drawctxt_wait; WALT counts idle time as busy
  // only under IO wait), so no source makes the governor see it as load.
  it.fails("σ4: default governors slow it within 10 points of the slowdown with pinned clocks", async () => {
    const slowdown = async (pinned: readonly string[]) => {
      const sigma0 = await sigmaRun("vgg16", "single-gpu", pinned, 5);
      const sigma4 = await sigmaRun(
        "vgg16",
        "single-gpu",
        [...pinned, "forced_cpu_fraction: 0.5"],
        5,
      );
      return sigma4.meanLatencyMs / sigma0.meanLatencyMs - 1;
    };
    expect(Math.abs((await slowdown([])) - (await slowdown(PINNED_SD855)))).toBeLessThanOrEqual(
      0.1,
    );
  });
});
