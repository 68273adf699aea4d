import { describe, expect, it } from "vitest";
import { GOVERNORS } from "../../../src/device/dynamics/governors/registry.ts";
import type { SocSpec } from "../../../src/device/index.ts";
import { makeDevice, sd855 } from "./helpers.ts";

const MS = 1_000_000;

type SchedutilSpec = Extract<SocSpec["processors"][string]["governor"], { kind: "schedutil" }>;

/** The SD855 with its big cluster's schedutil changed by `edit`. */
function withBigSchedutil(edit: (governor: SchedutilSpec) => SchedutilSpec): SocSpec {
  const big = sd855.processors["cpu-big"]!;
  return {
    ...sd855,
    processors: {
      ...sd855.processors,
      "cpu-big": { ...big, governor: edit(big.governor as SchedutilSpec) },
    },
  };
}

/** Mainline schedutil on PELT with util_est: the SD855's big cluster without WALT. */
const PELT_SD855 = withBigSchedutil(({ walt_window, hispeed_freq, hispeed_load, ...rest }) => rest);

/** Frequencies (Hz) a domain passes through, sampled at every thermal tick. */
function frequencyTrace(
  device: ReturnType<typeof makeDevice>["device"],
  processor: string,
): number[] {
  const seen: number[] = [];
  device.addListener({
    counters(sample) {
      seen.push(sample.processors.find((row) => row.id === processor)!.frequencyHz);
    },
  });
  return seen;
}

describe("governors", () => {
  it("is a registry from name to factory that names the nearest on a typo", () => {
    expect(GOVERNORS.names()).toEqual([
      "performance",
      "powersave",
      "userspace",
      "schedutil",
      "simple_ondemand",
    ]);
    expect(() => GOVERNORS.get("schedutill")).toThrow(/did you mean "schedutil"/);
  });

  it("holds the top point (performance), the lowest (powersave) or a fixed one (userspace)", () => {
    const { device } = makeDevice({
      governors: { gpu: "performance", "cpu-big": "powersave" },
      fixedFrequencyHz: { "cpu-prime": 2e9 },
    });
    expect(device.monitor.processor("gpu").frequencyHz).toBe(585e6);
    expect(device.monitor.processor("cpu-big").frequencyHz).toBe(710.4e6);
    // The highest point not above 2 GHz.
    expect(device.monitor.processor("cpu-prime").frequencyHz).toBe(1920e6);
  });

  it("simple_ondemand jumps to the top point after a busy polling interval and comes back down when idle", () => {
    const { simulator, device } = makeDevice({});
    const gpu = device.monitor.processor("gpu");
    expect(gpu.frequencyHz).toBe(257e6);
    device.submitBusy({ processor: "gpu", nominalSeconds: 0.05, tag: "load", onDone: () => {} });
    simulator.run({ until: 10 * MS - 1 });
    expect(gpu.frequencyHz).toBe(257e6);
    simulator.run({ until: 10 * MS });
    expect(gpu.frequencyHz).toBe(585e6);
    simulator.run({ until: 300 * MS });
    expect(gpu.frequencyHz).toBe(257e6);
    expect(gpu.busy).toBe(false);
  });

  it("schedutil raises a busy cluster step by step, never faster than its up rate limit", () => {
    const { simulator, device } = makeDevice({});
    const changes: number[] = [];
    let last = device.monitor.processor("cpu-big").frequencyHz;
    const trace = frequencyTrace(device, "cpu-big");
    device.submitBusy({
      processor: "cpu-big",
      nominalSeconds: 0.5,
      threads: 3,
      tag: "load",
      onDone: () => {},
    });
    simulator.run({
      until: 400 * MS,
      stopWhen: () => {
        const now = device.monitor.processor("cpu-big").frequencyHz;
        if (now !== last) changes.push(simulator.now);
        last = now;
        return false;
      },
    });
    expect(trace.at(-1)).toBe(2419.2e6);
    for (let index = 1; index < trace.length; index++)
      expect(trace[index]!).toBeGreaterThanOrEqual(trace[index - 1]!);
    for (let index = 1; index < changes.length; index++)
      expect(changes[index]! - changes[index - 1]!).toBeGreaterThanOrEqual(0.5 * MS);
  });

  it("schedutil on PELT keeps an idle cluster's point and lowers it when the cluster wakes", () => {
    const { simulator, device } = makeDevice({}, PELT_SD855);
    const big = device.monitor.processor("cpu-big");
    device.submitBusy({
      processor: "cpu-big",
      nominalSeconds: 0.3,
      threads: 3,
      tag: "load",
      onDone: () => {},
    });
    simulator.run({ until: 2000 * MS });
    const busyFrequency = big.frequencyHz;
    // An idle CPU calls no governor: the point stays until the next wake-up.
    expect(busyFrequency).toBe(2419.2e6);
    device.submitBusy({
      processor: "cpu-big",
      nominalSeconds: 0.0001,
      tag: "wake",
      onDone: () => {},
    });
    simulator.run({ until: 2001 * MS });
    expect(big.frequencyHz).toBeLessThan(busyFrequency);
  });

  it("schedutil on WALT jumps to hispeed_freq after one fully busy window, where PELT is still near the bottom", () => {
    const reached = (soc: SocSpec) => {
      const { simulator, device } = makeDevice({}, soc);
      device.submitBusy({ processor: "cpu-big", nominalSeconds: 1, tag: "load", onDone: () => {} });
      simulator.run({ until: 21 * MS });
      return device.monitor.processor("cpu-big").frequencyHz;
    };
    expect(reached(sd855)).toBeGreaterThanOrEqual(1612.8e6);
    expect(reached(PELT_SD855)).toBeLessThan(1000e6);
  });

  it("schedutil on WALT lowers an idle cluster once its busy windows have passed, and wakes it at its work's demand", () => {
    const { simulator, device } = makeDevice({});
    const big = device.monitor.processor("cpu-big");
    const burst = () =>
      device.submitBusy({
        processor: "cpu-big",
        nominalSeconds: 0.3,
        tag: "load",
        onDone: () => {},
      });
    burst();
    simulator.run({ until: 2000 * MS });
    expect(big.frequencyHz).toBe(710.4e6);
    burst();
    simulator.run({ until: 2000 * MS + 1 });
    // The demand of the last busy windows survives the idle ones: the cluster wakes near the top.
    expect(big.frequencyHz).toBeGreaterThanOrEqual(2000e6);
  });

  it("schedutil lifts a cluster while a top-app thread runs: schedtune's share of the spare capacity, uclamp.min's floor", () => {
    const first = (soc: SocSpec, topApp: boolean) => {
      const { simulator, device } = makeDevice({}, soc);
      const big = device.monitor.processor("cpu-big");
      device.submitBusy({
        processor: "cpu-big",
        nominalSeconds: 1,
        topApp,
        tag: "t",
        onDone: () => {},
      });
      simulator.run({ until: 1 });
      return big.frequencyHz;
    };
    // On PELT, so that no hispeed jump mixes in.
    const pelt = ({ walt_window, hispeed_freq, hispeed_load, ...rest }: SchedutilSpec) => rest;
    const boosted = withBigSchedutil((governor) => ({ ...pelt(governor), top_app_boost: 50 }));
    const clamped = withBigSchedutil((governor) => ({
      ...pelt(governor),
      top_app_uclamp_min: 0.6,
    }));
    expect(first(boosted, false)).toBe(710.4e6);
    // 1.25 × (0 + 50 % of the spare capacity) of 2419.2 MHz: 1512 MHz, the lowest point at or above it.
    expect(first(boosted, true)).toBe(1612.8e6);
    expect(first(clamped, false)).toBe(710.4e6);
    // 1.25 × 0.6 × 2419.2 MHz = 1814.4 MHz.
    expect(first(clamped, true)).toBe(1920e6);
  });
});
