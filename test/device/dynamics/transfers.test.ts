import { describe, expect, it } from "vitest";
import { splitExperiment } from "../../../src/device/dynamics/split-experiment.ts";
import { ALL_PERFORMANCE, makeDevice, sd855 } from "./helpers.ts";

const gpu = sd855.transfers.gpu!;
const dsp = sd855.transfers.dsp!;

describe("transfers", () => {
  it("prices CPU ↔ GPU as sync, copy and (for images) conversion", () => {
    const image = makeDevice({ ...ALL_PERFORMANCE, gpuMemory: "image" }).device;
    const buffer = makeDevice({ ...ALL_PERFORMANCE, gpuMemory: "buffer" }).device;
    const bytes = 2e6;
    expect(buffer.transferSeconds(bytes, "cpu", "gpu")).toBeCloseTo(
      gpu.sync + bytes / gpu.copy_bandwidth,
      15,
    );
    expect(image.transferSeconds(bytes, "gpu", "cpu-big")).toBeCloseTo(
      gpu.sync + bytes / gpu.copy_bandwidth + bytes / gpu.conversion_bandwidth,
      15,
    );
  });

  it("prices CPU ↔ DSP with its RPC and conversion, accelerator to accelerator through the CPU, CPU to CPU free", () => {
    const { device } = makeDevice({ ...ALL_PERFORMANCE, gpuMemory: "buffer" });
    const bytes = 1e6;
    const toDsp =
      dsp.sync +
      dsp.cache_maintenance +
      bytes / dsp.copy_bandwidth +
      bytes / dsp.conversion_bandwidth;
    expect(device.transferSeconds(bytes, "cpu", "dsp")).toBeCloseTo(toDsp, 15);
    expect(device.transferSeconds(bytes, "gpu", "dsp")).toBeCloseTo(
      toDsp + gpu.sync + bytes / gpu.copy_bandwidth,
      15,
    );
    expect(device.transferSeconds(bytes, "cpu", "cpu-big")).toBe(0);
    expect(device.transferSeconds(bytes, "gpu", "gpu")).toBe(0);
  });

  it("runs a transfer as a job that takes its price alone and completes at once when free", () => {
    const { simulator, device } = makeDevice();
    const done: number[] = [];
    device.submitTransfer({
      from: "cpu",
      to: "gpu",
      bytes: 3e6,
      tag: "up",
      onDone: (t) => done.push(t),
    });
    device.submitTransfer({
      from: "cpu",
      to: "cpu-little",
      bytes: 3e6,
      tag: "free",
      onDone: (t) => done.push(t),
    });
    simulator.run({ until: 1e9 });
    expect(done[0]).toBe(0);
    expect(done[1]! / 1e9).toBeCloseTo(device.transferSeconds(3e6, "cpu", "gpu"), 8);
  });
});

describe("CoDL §2: splitting one op across CPU and GPU", () => {
  const shares = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5];

  it("is slower than the GPU alone for a small 1×1 convolution once the data sharing is paid", () => {
    const small = splitExperiment(
      sd855,
      { channels: 64, size: 28, out: 64, kernel: 1 },
      shares,
      ALL_PERFORMANCE,
    );
    expect(small.best.latencyMs).toBeGreaterThan(small.gpuAloneMs);
    // The sharing alone costs more than the GPU saves by giving work away.
    expect(small.best.sharingMs).toBeGreaterThan(small.best.latencyMs - small.gpuAloneMs);
  });

  it("is faster than the GPU alone for a large convolution, sharing included", () => {
    const large = splitExperiment(
      sd855,
      { channels: 256, size: 56, out: 256, kernel: 3 },
      shares,
      ALL_PERFORMANCE,
    );
    expect(large.best.latencyMs).toBeLessThan(0.9 * large.gpuAloneMs);
    expect(large.best.sharingMs).toBeGreaterThan(0);
  });
});
