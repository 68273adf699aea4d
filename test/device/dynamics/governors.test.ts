import { describe, expect, it } from "vitest";
import { GOVERNORS } from "../../../src/device/dynamics/governors/registry.ts";
import { makeDevice } from "./helpers.ts";

const MS = 1_000_000;

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

  it("schedutil keeps an idle cluster's point and lowers it when the cluster wakes", () => {
    const { simulator, device } = makeDevice({});
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
});
