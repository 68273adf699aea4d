import { describe, expect, it } from "vitest";
import type { FluidJob, JobCost } from "../../../src/device/dynamics/fluid-job.ts";
import { FluidJob as Job } from "../../../src/device/dynamics/fluid-job.ts";
import { MemoryContention } from "../../../src/device/dynamics/memory-contention.ts";
import { convGraph, makeDevice, runOp } from "./helpers.ts";

function jobWith(demand: number, cost: Partial<JobCost> = {}): FluidJob<unknown> {
  const job = new Job<unknown>(
    0,
    {
      role: "compute",
      domains: new Int32Array(0),
      threads: new Int32Array(0),
      weight: 1024,
      barrier: false,
      fixedSeconds: 0,
      host: "none",
      hostDomains: new Int32Array(0),
      serialCycles: 0,
      parallelCycles: new Float64Array(0),
      balancedWork: undefined,
      tileFloorCycles: undefined,
      constantSeconds: 0,
      bytes: 0,
      inverseCacheBandwidth: 0,
      inverseDramBandwidth: 0,
      nominalHit: 0.6,
      sharesCache: true,
      cacheBytes: 4e6,
      workingSetBytes: 2e6,
      aloneMemorySeconds: 0,
      ...cost,
    },
    undefined,
    () => {},
    0,
  );
  job.dramDemand = demand;
  return job;
}

describe("DRAM bandwidth", () => {
  it("grants every demand while the bus has room", () => {
    const jobs = [jobWith(2), jobWith(3)];
    new MemoryContention(10, undefined).allocate(jobs);
    expect(jobs.map((job) => job.dramAllocation)).toEqual([2, 3]);
  });

  it("divides an oversubscribed bus max-min fairly", () => {
    const jobs = [jobWith(8), jobWith(2), jobWith(5)];
    new MemoryContention(10, undefined).allocate(jobs);
    expect(jobs.map((job) => job.dramAllocation)).toEqual([4, 2, 4]);
  });

  it("slows a memory-bound op when a co-runner loads the bus", () => {
    // A 1×1 convolution with few channels is memory-bound on the GPU.
    const graph = convGraph(16, 224, 16, 1);
    const alone: Record<string, number> = {};
    const first = makeDevice();
    runOp(first.device, graph, "gpu", alone);
    first.simulator.run({ until: 1e9 });
    const shared: Record<string, number> = {};
    const second = makeDevice();
    second.device.addCompetingLoad({
      name: "stream",
      processor: "cpu-big",
      threads: 3,
      dutyCycle: 1,
      periodSeconds: 0.01,
      bandwidth: 30e9,
    });
    runOp(second.device, graph, "gpu", shared);
    second.simulator.run({ until: 1e9 });
    expect(shared.gpu!).toBeGreaterThan(1.2 * alone.gpu!);
  });
});

describe("last-level cache", () => {
  it("keeps a job's nominal hit rate alone and lowers it as co-runners' working sets grow", () => {
    const contention = new MemoryContention(10, undefined);
    const job = jobWith(0);
    expect(contention.hitRate(job, 2e6)).toBeCloseTo(0.6, 12);
    expect(contention.hitRate(job, 8e6)).toBeCloseTo(0.3, 12);
    expect(contention.hitRate(job, 16e6)).toBeCloseTo(0.15, 12);
  });

  it("lets a scenario pin the hit rate (seed study σ3)", () => {
    const contention = new MemoryContention(10, 0.2);
    const unpinned = new MemoryContention(10, undefined);
    expect(contention.hitRate(jobWith(0), 2e6)).toBe(0.2);
    // Co-runners filling the cache take hits away; they never add any (σ3 on a streaming layer).
    expect(contention.hitRate(jobWith(0), 64e6)).toBe(
      Math.min(0.2, unpinned.hitRate(jobWith(0), 64e6)),
    );
    expect(contention.hitRate(jobWith(0, { nominalHit: 0.05 }), 2e6)).toBe(0.05);
    // Busy work and transfers keep their own (none).
    expect(contention.hitRate(jobWith(0, { sharesCache: false, nominalHit: 0 }), 2e6)).toBe(0);
  });

  it("lowers a running op's hit rate when a co-runner's working set arrives", () => {
    const { simulator, device } = makeDevice();
    runOp(device, convGraph(8, 112, 8, 1), "gpu", {}, "small");
    const hitOf = (tag: string) => device.jobs.running.find((job) => job.tag === tag)!.hitRate;
    simulator.run({ until: 1000 });
    const alone = hitOf("small");
    // A wide convolution on the big cores: megabytes of weights and activations.
    runOp(device, convGraph(256, 56, 256, 3), "cpu-big", {}, "wide");
    simulator.run({ until: 2000 });
    expect(hitOf("small")).toBeLessThan(alone);
  });

  it("makes a cache-friendly op slower at a pinned 20 % hit rate", () => {
    const graph = convGraph(8, 112, 8, 1);
    const latency = (cacheHitRate?: number) => {
      const { simulator, device } = makeDevice({
        governors: { gpu: "performance" },
        ...(cacheHitRate === undefined ? {} : { cacheHitRate }),
      });
      const done: Record<string, number> = {};
      runOp(device, graph, "gpu", done);
      simulator.run({ until: 1e9 });
      return done.gpu!;
    };
    expect(latency(0.2)).toBeGreaterThan(latency());
  });
});
