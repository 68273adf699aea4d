import { describe, expect, it } from "vitest";
import { periodicCpuApp, pinnedAtTop } from "../../../scripts/dynamics-validation/cpu-app.ts";

describe("CPU governors as the seed phones run them (schedutil with util_est, WALT hispeed)", () => {
  it("keeps a 5 fps fp32 ResNet-50 on an idle Snapdragon 855's CPU within 15 % of its latency with clocks pinned at the top", () => {
    const governed = periodicCpuApp("snapdragon-855", "resnet50", "fp32", 5, 2);
    const pinned = periodicCpuApp(
      "snapdragon-855",
      "resnet50",
      "fp32",
      5,
      2,
      pinnedAtTop("snapdragon-855"),
    );
    expect(governed / pinned).toBeLessThanOrEqual(1.15);
    expect(governed).toBeGreaterThanOrEqual(pinned * 0.999);
  });
});
