import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RandomStreams } from "../../../src/core/index.ts";
import { FluidJobSet } from "../../../src/device/dynamics/fluid-jobs.ts";
import {
  checkCapacity,
  checkDeterminism,
  checkDevice,
  checkEnergy,
  checkTemperatureBounds,
  checkThermalCap,
  checkWorkConservation,
  InvariantLog,
} from "../../../src/device/dynamics/invariants.ts";
import { Processor } from "../../../src/device/dynamics/processor.ts";
import { ThermalNetwork } from "../../../src/device/dynamics/thermal-network.ts";
import { convGraph, makeDevice, runOp } from "./helpers.ts";

const MS = 1_000_000;

/** A few seconds of mixed work: oversubscribed CPU clusters, a busy GPU, the bus loaded, DVFS moving. */
function busyRun(
  device: ReturnType<typeof makeDevice>["device"],
  simulator: ReturnType<typeof makeDevice>["simulator"],
) {
  const graph = convGraph(64, 56, 64, 3);
  device.addCompetingLoad({
    name: "bg",
    processor: "cpu-big",
    threads: 4,
    dutyCycle: 0.7,
    periodSeconds: 0.02,
    bandwidth: 6e9,
    footprintBytes: 3e6,
  });
  device.addCompetingLoad({
    name: "game",
    processor: "gpu",
    dutyCycle: 0.5,
    periodSeconds: 0.016,
    bandwidth: 8e9,
  });
  for (let frame = 0; frame < 40; frame++) {
    simulator.at(frame * 25 * MS, () => {
      runOp(device, graph, "cpu", {}, `cpu ${frame}`);
      runOp(device, graph, "gpu", {}, `gpu ${frame}`);
      device.submitTransfer({ from: "gpu", to: "cpu", bytes: 1e6, tag: "x", onDone: () => {} });
    });
  }
  simulator.run({ until: 1.5e9 });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("device invariants", () => {
  it("hold on a working device under mixed load, governors and a hot skin", () => {
    const { simulator, device } = makeDevice({ initialTempsC: { skin: 48, board: 48 } });
    const log = checkDevice(device);
    busyRun(device, simulator);
    expect(log.violations).toEqual([]);
  });

  it("hold on a pre-heated phone (σ2: the GPU at 70 °C, the rest at its steady state)", () => {
    const { simulator, device } = makeDevice({ preheatTempsC: { gpu: 70 } });
    const log = checkDevice(device);
    busyRun(device, simulator);
    expect(log.violations).toEqual([]);
  });

  it("hold whatever the what-ifs, governors and load", () => {
    const governor = fc.constantFrom("performance", "powersave", "schedutil", "simple_ondemand");
    const options = fc.record({
      ambientC: fc.integer({ min: 10, max: 40 }),
      skinC: fc.integer({ min: 40, max: 55 }),
      holdGpu: fc.option(fc.integer({ min: 40, max: 100 }), { nil: undefined }),
      governors: fc.record({ "cpu-big": governor, "cpu-prime": governor, gpu: governor }),
      cacheHitRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(options, fc.integer({ min: 0, max: 1000 }), (chosen, seed) => {
        const { simulator, device } = makeDevice({
          ambientC: chosen.ambientC,
          initialTempsC: { skin: Math.max(chosen.skinC, chosen.ambientC), board: chosen.skinC },
          ...(chosen.holdGpu === undefined ? {} : { holdTempsC: { gpu: chosen.holdGpu } }),
          governors: chosen.governors,
          ...(chosen.cacheHitRate === undefined ? {} : { cacheHitRate: chosen.cacheHitRate }),
          random: new RandomStreams(seed),
        });
        const log = checkDevice(device);
        busyRun(device, simulator);
        expect(log.violations).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it("capacity: the checker catches a cluster that gives every thread a whole core", () => {
    vi.spyOn(Processor.prototype, "refreshLoad").mockImplementation(function (this: Processor) {
      this.shareScale = Number.POSITIVE_INFINITY;
      this.busyCores = Math.min(this.cores, this.runnableThreads);
    });
    const { simulator, device } = makeDevice();
    const log = new InvariantLog();
    checkCapacity(device, log);
    busyRun(device, simulator);
    expect(log.of("capacity").length).toBeGreaterThan(0);
    expect(log.of("capacity")[0]!.detail).toMatch(/cpu-big runs \d+ of 3 cores/);
  });

  it("work: the checker catches jobs whose progress is not booked when their rate changes", () => {
    vi.spyOn(FluidJobSet.prototype, "advance").mockImplementation(() => {});
    const { simulator, device } = makeDevice();
    const log = new InvariantLog();
    checkWorkConservation(device, log);
    busyRun(device, simulator);
    expect(log.of("work").length).toBeGreaterThan(0);
  });

  it("energy: the checker catches a processor drawing negative power", () => {
    const original = Processor.prototype.refreshPower;
    vi.spyOn(Processor.prototype, "refreshPower").mockImplementation(function (this: Processor) {
      original.call(this);
      if (this.kind === "gpu") this.powerW = -this.powerW;
    });
    const { simulator, device } = makeDevice();
    const log = new InvariantLog();
    checkEnergy(device, log);
    busyRun(device, simulator);
    expect(log.of("energy").length).toBeGreaterThan(0);
  });

  it("temperature: the checker catches a network that cools the skin below ambient", () => {
    const original = ThermalNetwork.prototype.step;
    vi.spyOn(ThermalNetwork.prototype, "step").mockImplementation(function (
      this: ThermalNetwork,
      powers: Float64Array,
    ) {
      original.call(this, powers);
      this.temperatures[this.indexOf("skin")]! -= 0.01;
    });
    const { simulator, device } = makeDevice();
    const log = new InvariantLog();
    checkTemperatureBounds(device, log);
    busyRun(device, simulator);
    expect(log.of("temperature").length).toBeGreaterThan(0);
  });

  it("thermal cap: the checker catches a governor request applied above the cap", () => {
    vi.spyOn(Processor.prototype, "applyPoint").mockImplementation(function (this: Processor) {
      const changed = this.point !== this.requestedPoint;
      this.point = this.requestedPoint;
      this.frequency = this.points.frequencies[this.point]!;
      this.stale = true;
      return changed;
    });
    const { simulator, device } = makeDevice({
      holdTempsC: { skin: 52 },
      governors: { gpu: "performance" },
    });
    const log = new InvariantLog();
    checkThermalCap(device, log);
    busyRun(device, simulator);
    expect(log.of("thermal-cap").length).toBeGreaterThan(0);
  });

  it("determinism: the same seed gives the same result, and the checker catches a run that draws unseeded", () => {
    const run = (jitter: boolean) => () => {
      const { simulator, device } = makeDevice({ random: new RandomStreams(7) });
      if (jitter)
        device.submitBusy({
          processor: "gpu",
          nominalSeconds: Math.random() * 0.01,
          tag: "unseeded",
          onDone: () => {},
        });
      busyRun(device, simulator);
      return device.statistics();
    };
    expect(checkDeterminism(run(false))).toBeUndefined();
    expect(checkDeterminism(run(true))?.invariant).toBe("determinism");
  });
});
