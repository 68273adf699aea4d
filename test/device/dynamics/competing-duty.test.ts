import { describe, expect, it } from "vitest";
import { makeDevice } from "./helpers.ts";

function busyShare(dutyCycle: number): number {
  const { simulator, device } = makeDevice({});
  device.addCompetingLoad({
    name: "hog",
    processor: "cpu-big",
    threads: 3,
    dutyCycle,
    periodSeconds: 0.01,
  });
  simulator.run({ until: 1e9 });
  device.resetStatistics();
  simulator.run({ until: 3e9 });
  const share = device
    .statistics()
    .processors.find((processor) => processor.id === "cpu-big")!.utilization;
  device.dispose();
  return share;
}

describe("competing processes under default governors", () => {
  it("keep a process with duty cycle 1 always runnable, whatever the clock", () => {
    expect(busyShare(1)).toBeGreaterThan(0.999);
  });

  it("stretch a partial duty cycle when the clock is below the top, never shrink it", () => {
    const share = busyShare(0.3);
    expect(share).toBeGreaterThanOrEqual(0.3 - 1e-6);
    expect(share).toBeLessThan(1);
  });
});
