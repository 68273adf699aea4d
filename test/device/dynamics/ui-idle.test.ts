import { describe, expect, it } from "vitest";
import { uiAlone } from "../../../scripts/dynamics-validation/ui-alone.ts";

describe("the UI alone on an idle phone (pipelined frames, default governors)", () => {
  for (const soc of ["snapdragon-855", "snapdragon-888", "kirin-990"]) {
    it(`drops at most 5 % of frames at 60 Hz on ${soc}`, () => {
      const ui = uiAlone(soc, 5);
      expect(ui.frames).toBeGreaterThan(290);
      expect(ui.drop_rate).toBeLessThanOrEqual(0.05);
    });
  }

  it("drops frames whose CPU stage cannot keep up: the pipeline does not hide a UI thread slower than a period", () => {
    const ui = uiAlone(
      "snapdragon-855",
      2,
      {},
      {
        refresh: 60,
        cpu_per_frame: 0.03,
        gpu_per_frame: 0.001,
        cpu: "cpu-big",
        nice: -10,
      },
    );
    expect(ui.drop_rate).toBeGreaterThan(0.4);
  });
});
