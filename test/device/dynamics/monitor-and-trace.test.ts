import { describe, expect, it } from "vitest";
import type { JobTraceEvent } from "../../../src/device/index.ts";
import { ALL_PERFORMANCE, convGraph, makeDevice, runOp } from "./helpers.ts";

const MS = 1_000_000;

describe("monitor", () => {
  it("shows state, queues and support, never costs", () => {
    const { simulator, device } = makeDevice();
    const graph = convGraph(64, 56, 64, 3);
    for (let index = 0; index < 3; index++) runOp(device, graph, "gpu", {}, `gpu ${index}`);
    runOp(device, graph, "cpu", {});
    const gpu = device.monitor.processor("gpu");
    const big = device.monitor.processor("cpu-big");
    expect(gpu.queueLength).toBe(3);
    expect(gpu.busy).toBe(true);
    expect(big.queueLength).toBe(1);
    expect(device.monitor.processor("cpu-little").busy).toBe(false);
    expect(device.monitor.processor("dsp").supportedOps.has("conv2d")).toBe(true);
    expect(device.monitor.processor("dsp").supportedOps.has("gelu")).toBe(false);
    expect(device.monitor.processor("dsp").dtypes).toEqual(["int8"]);
    expect(gpu.frequencyHz).toBe(gpu.maxFrequencyHz);
    expect(gpu.capFrequencyHz).toBe(gpu.maxFrequencyHz);
    simulator.run({ until: 200 * MS });
    expect(gpu.utilization).toBeGreaterThan(0);
    expect(gpu.queueLength).toBe(0);
    expect(Object.keys(gpu)).not.toContain("cycles");
    expect(() => device.monitor.processor("npu")).toThrow(/unknown processor "npu"/);
  });
});

describe("trace listeners", () => {
  it("report one track per CPU thread lane and the accelerator's queue and transfer tracks", () => {
    const { simulator, device } = makeDevice(ALL_PERFORMANCE);
    const events: string[] = [];
    const record = (kind: string) => (event: JobTraceEvent<string>) =>
      events.push(`${kind} ${event.tag ?? event.competingLoad} ${event.processor}:${event.track}`);
    device.addListener({ jobStarted: record("start"), jobEnded: record("end") });
    const graph = convGraph(16, 28, 16, 1);
    runOp(device, graph, "cpu", {}, "op");
    device.submitTransfer({ from: "cpu", to: "gpu", bytes: 1000, tag: "copy", onDone: () => {} });
    device.submitBusy({
      processor: "cpu-big",
      threads: 2,
      nominalSeconds: 0.001,
      tag: "ui",
      onDone: () => {},
    });
    simulator.run({ until: 50 * MS });
    expect(events.filter((event) => event.startsWith("start"))).toEqual([
      "start op cpu-prime:0",
      "start op cpu-big:0",
      "start op cpu-big:1",
      "start op cpu-big:2",
      "start copy gpu:1",
      "start ui cpu-big:3",
      "start ui cpu-big:4",
    ]);
    expect(events.filter((event) => event.startsWith("end"))).toHaveLength(7);
  });

  it("samples frequency, temperature and power counters at the interval asked for", () => {
    const { simulator, device } = makeDevice(ALL_PERFORMANCE);
    const samples: { time: number; gpuW: number; totalW: number; skin: number }[] = [];
    device.addListener(
      {
        counters(sample) {
          samples.push({
            time: sample.timeNs,
            gpuW: sample.processors.find((row) => row.id === "gpu")!.powerW,
            totalW: sample.totalPowerW,
            skin: sample.skinTemperatureC,
          });
        },
      },
      { counterIntervalNs: 50 * MS },
    );
    device.submitBusy({ processor: "gpu", nominalSeconds: 0.05, tag: "kernel", onDone: () => {} });
    simulator.run({ until: 200 * MS });
    expect(samples.map((sample) => sample.time)).toEqual([50 * MS, 100 * MS, 150 * MS, 200 * MS]);
    expect(samples[0]!.gpuW).toBeGreaterThan(1);
    expect(samples[1]!.gpuW).toBeLessThan(0.1);
    for (const sample of samples) expect(sample.totalW).toBeGreaterThan(sample.gpuW);
  });
});
