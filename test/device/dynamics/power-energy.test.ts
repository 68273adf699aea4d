import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDevice, sd855 } from "./helpers.ts";

const MS = 1_000_000;

describe("power and energy", () => {
  it("charges a busy GPU C·V²·f plus leakage, and idle power the rest of the time", () => {
    const { simulator, device } = makeDevice();
    device.submitBusy({ processor: "gpu", nominalSeconds: 0.004, tag: "kernel", onDone: () => {} });
    // Before the first thermal tick, so leakage is at the initial 25 °C.
    simulator.run({ until: 9 * MS });
    const power = sd855.processors.gpu!.power;
    const top = sd855.processors.gpu!.operating_points.at(-1)!;
    const busyWatts =
      power.dynamic_capacitance * top.voltage ** 2 * top.freq +
      power.leakage * (top.voltage / sd855.power.leakage_reference_voltage) ** 3;
    const gpu = device.statistics().processors.find((processor) => processor.id === "gpu")!;
    expect(gpu.busy_s).toBeCloseTo(0.004, 12);
    expect(gpu.energy_j).toBeCloseTo(busyWatts * 0.004 + power.idle * 0.005, 12);
  });

  it("is the sum of processors, DRAM, uncore and platform, and additive over time", () => {
    const run = (splitAt: number | undefined) => {
      const { simulator, device } = makeDevice({});
      device.addCompetingLoad({
        name: "game",
        processor: "gpu",
        dutyCycle: 0.6,
        periodSeconds: 0.016,
        bandwidth: 5e9,
      });
      device.addCompetingLoad({
        name: "sync",
        processor: "cpu-little",
        threads: 2,
        dutyCycle: 0.3,
        periodSeconds: 0.05,
        footprintBytes: 4e6,
      });
      let first = 0;
      if (splitAt !== undefined) {
        simulator.run({ until: splitAt });
        first = device.statistics().energy_j;
        device.resetStatistics();
      }
      simulator.run({ until: 3e9 });
      const statistics = device.statistics();
      return { first, statistics };
    };
    const whole = run(undefined).statistics;
    const parts = run(1.234e9);
    expect(parts.first + parts.statistics.energy_j).toBeCloseTo(whole.energy_j, 9);
    const processors = whole.processors.reduce((sum, processor) => sum + processor.energy_j, 0);
    expect(whole.energy_j).toBeCloseTo(
      processors + whole.dram_energy_j + whole.uncore_energy_j + whole.platform_energy_j,
      12,
    );
    expect(processors).toBeLessThanOrEqual(whole.energy_j);
    expect(whole.avg_power_w).toBeCloseTo(whole.energy_j / 3, 12);
    expect(whole.dram_bytes).toBeGreaterThan(0);
  });

  it("charges no job more than the device used, and never a negative amount", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 20 * MS }),
            processor: fc.constantFrom("cpu-big", "cpu-little", "gpu", "dsp"),
            threads: fc.integer({ min: 1, max: 5 }),
            microseconds: fc.integer({ min: 1, max: 10_000 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (jobs) => {
          const { simulator, device } = makeDevice({});
          const handles: { energyJ: number }[] = [];
          for (const job of jobs)
            simulator.at(job.at, () =>
              handles.push(
                device.submitBusy({
                  processor: job.processor,
                  threads: job.threads,
                  nominalSeconds: job.microseconds * 1e-6,
                  dramBandwidth: 3e9,
                  tag: "job",
                  onDone: () => {},
                }),
              ),
            );
          simulator.run({ until: 500 * MS });
          const total = device.statistics().energy_j;
          const charged = handles.reduce((sum, handle) => sum + handle.energyJ, 0);
          for (const handle of handles) expect(handle.energyJ).toBeGreaterThan(0);
          expect(charged).toBeLessThanOrEqual(total);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("leaks more when the GPU is held hot (seed study σ1, σ2) without slowing a job the trips leave alone", () => {
    const measure = (gpuC: number | undefined) => {
      const { simulator, device } = makeDevice({
        governors: { gpu: "performance" },
        ...(gpuC === undefined ? {} : { holdTempsC: { gpu: gpuC } }),
      });
      const job = device.submitBusy({
        processor: "gpu",
        nominalSeconds: 0.2,
        tag: "job",
        onDone: () => {},
      });
      simulator.run({ until: 1e9 });
      return { energy: job.energyJ, end: job.endNs };
    };
    const cool = measure(undefined);
    const warm = measure(60);
    const hot = measure(70);
    expect(warm.energy).toBeGreaterThan(cool.energy);
    expect(hot.energy).toBeGreaterThan(warm.energy);
    expect(hot.end).toBe(cool.end);
  });

  it("reports utilisation, mean frequency and the hottest temperatures over the window", () => {
    const { simulator, device } = makeDevice();
    device.submitBusy({
      processor: "cpu-big",
      threads: 3,
      nominalSeconds: 0.5,
      tag: "job",
      onDone: () => {},
    });
    simulator.run({ until: 1e9 });
    const big = device.statistics().processors.find((processor) => processor.id === "cpu-big")!;
    expect(big.utilization).toBeCloseTo(0.5, 9);
    expect(big.busy_s).toBeCloseTo(0.5, 9);
    expect(big.mean_freq_hz).toBe(2419.2e6);
    expect(big.max_temp_c).toBeGreaterThan(25);
    expect(big.throttled_s).toBe(0);
  });
});
