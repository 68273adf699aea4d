import { describe, expect, it } from "vitest";
import { InputError, Simulator } from "../../src/core/index.ts";
import { compileCpuTarget, createDevice, loadSoc, profileModel } from "../../src/device/index.ts";
import { buildModel } from "../../src/graph/index.ts";

const soc = loadSoc("snapdragon-855");
const graph = buildModel("squeezenet-1.1");
const cpuMs = (threads: number) =>
  profileModel(graph, soc, { framework: "ncnn", processor: "cpu", threads }).processors[0]!
    .latency_ms;

describe("profile --threads", () => {
  it("binds thread i to the i-th fastest core: one thread runs on the prime core", () => {
    const one = compileCpuTarget(soc, "ncnn", 1);
    expect(one.domains).toEqual(["cpu-prime"]);
    expect(compileCpuTarget(soc, "ncnn", 3).threadsPerDomain).toEqual([1, 2]);
  });

  it("gets faster up to the framework's cores and slower when they are oversubscribed", () => {
    const cores = compileCpuTarget(soc, "ncnn").threads;
    expect(cpuMs(2)).toBeLessThan(cpuMs(1));
    expect(cpuMs(cores)).toBeLessThan(cpuMs(2));
    expect(cpuMs(2 * cores)).toBeGreaterThan(cpuMs(cores));
  });

  it("rejects 0 and more than four threads per CPU core as input errors", () => {
    for (const threads of [0, 33, 1.5]) {
      expect(() => profileModel(graph, soc, { processor: "cpu", threads })).toThrow(InputError);
    }
    expect(() => profileModel(graph, soc, { processor: "cpu", threads: 32 })).not.toThrow();
  });
});

describe("a device's CPU targets per thread count (apps' threads:)", () => {
  it("compiles one per extra count used, the target profile --threads prices, and none for the framework's own", () => {
    const device = createDevice(new Simulator(), soc, {
      framework: "ncnn",
      cpuThreadCounts: [1, 4, 8, 1],
    });
    const cpuTargets = device.targetIds.filter(
      (id) => soc.processors[id] === undefined && device.target(id).kind === "cpu",
    );
    expect(cpuTargets).toEqual(["cpu", "cpu:1", "cpu:8"]);
    expect(device.target("cpu:1")).toEqual(compileCpuTarget(soc, "ncnn", 1));
    expect(device.target("cpu:8")).toEqual(compileCpuTarget(soc, "ncnn", 8));
    expect(device.target("cpu")).toEqual(compileCpuTarget(soc, "ncnn"));
    device.dispose();
  });
});
