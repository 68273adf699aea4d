import { describe, expect, it } from "vitest";
import type { ProcessorMonitor } from "../../src/device/index.ts";
import { loadSoc } from "../../src/device/index.ts";
import { PolicyJobBooks, ProcessorViews } from "../../src/runtime/processor-view.ts";

const MS = 1_000_000;

/** A GPU monitor whose cumulative busy time and temperature the test sets. */
function gpuMonitor(): ProcessorMonitor & { busyNs: number; temperatureC: number } {
  return {
    id: "gpu",
    kind: "gpu",
    frequencyHz: 585e6,
    maxFrequencyHz: 585e6,
    capFrequencyHz: 585e6,
    temperatureC: 40,
    utilization: 0.5,
    busyNs: 0,
    queueLength: 0,
    busy: false,
    supportedOps: new Set(),
    dtypes: ["fp32"],
  };
}

describe("the view's processor states", () => {
  const soc = loadSoc("snapdragon-855");

  it("give the busy share of the policy's own window, not the device's running average", () => {
    const gpu = gpuMonitor();
    const views = new ProcessorViews(soc, [gpu], [new PolicyJobBooks()], 100 * MS);
    const shortWindow = new ProcessorViews(soc, [gpu], [new PolicyJobBooks()], 10 * MS);
    const busyAt = (nowMs: number) => [
      views.snapshot(nowMs * MS)[0]!.busyFraction,
      shortWindow.snapshot(nowMs * MS)[0]!.busyFraction,
    ];
    // Idle for the first 200 ms, then busy without a break until 300 ms, then idle.
    gpu.busyNs = 0;
    expect(busyAt(200)).toEqual([0, 0]);
    gpu.busyNs = 100 * MS;
    const [atEnd, shortAtEnd] = busyAt(300);
    expect(atEnd).toBeCloseTo(1, 12);
    expect(shortAtEnd).toBeCloseTo(1, 12);
    // Halfway through the next 100 ms window, half of it was busy; the 10 ms window saw none.
    const [later, shortLater] = busyAt(350);
    expect(later).toBeCloseTo(0.5, 12);
    expect(shortLater).toBe(0);
  });

  it("name as next trip only a trip of the processor's own sensor above its temperature", () => {
    const gpu = gpuMonitor();
    const views = new ProcessorViews(soc, [gpu], [new PolicyJobBooks()], 100 * MS);
    const own = soc.thermal.trips
      .filter((trip) => trip.processor === "gpu" && trip.node === "gpu")
      .map((trip) => trip.above)
      .sort((a, b) => a - b);
    expect(own.length).toBeGreaterThan(0);
    gpu.temperatureC = own[0]! - 1;
    expect(views.snapshot(0)[0]!.nextTripC).toBe(own[0]);
    gpu.temperatureC = own[own.length - 1]! + 1;
    expect(views.snapshot(0)[0]!.nextTripC).toBeNull();
  });
});
