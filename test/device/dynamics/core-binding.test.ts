import { describe, expect, it } from "vitest";
import { compileCpuTarget } from "../../../src/device/index.ts";
import { ALL_PERFORMANCE, convGraph, makeDevice, sd855 } from "./helpers.ts";

const graph = convGraph(64, 56, 64, 3);

/** Starts `pools` ops of ncnn's `threads`-thread CPU target at once; the clusters each one's threads started on. */
function startTogether(pools: number, threads: number): string[][] {
  const { simulator, device } = makeDevice({
    ...ALL_PERFORMANCE,
    framework: "ncnn",
    cpuThreadCounts: [threads],
  });
  const clusters: string[][] = Array.from({ length: pools }, () => []);
  device.addListener({
    jobStarted: (event) => clusters[Number(event.tag)]!.push(event.processor),
  });
  const target = compileCpuTarget(sd855, "ncnn", threads).id;
  const submitter = device.opSubmitter(graph, target);
  for (let pool = 0; pool < pools; pool++) submitter.submit(0, 1, String(pool), () => {});
  simulator.run({ until: 1e9 });
  device.dispose();
  return clusters;
}

describe("thread pools wake on free cores first (EAS/WALT placement)", () => {
  it("puts two one-thread apps on the prime core and a gold core, not both on the prime", () => {
    expect(startTogether(2, 1)).toEqual([["cpu-prime"], ["cpu-big"]]);
  });

  it("fills the framework's free cores fastest first, then stacks on the busy ones in the same order", () => {
    expect(startTogether(5, 1)).toEqual([
      ["cpu-prime"],
      ["cpu-big"],
      ["cpu-big"],
      ["cpu-big"],
      ["cpu-prime"],
    ]);
    // A second four-thread pool finds every core taken and binds as compiled.
    expect(startTogether(2, 4)).toEqual([
      ["cpu-prime", "cpu-big", "cpu-big", "cpu-big"],
      ["cpu-prime", "cpu-big", "cpu-big", "cpu-big"],
    ]);
  });

  it("binds a pool around the busy prime core: the free gold cores first, the prime shared last", () => {
    const bound = compileCpuTarget(sd855, "ncnn", 4, { "cpu-prime": 1 });
    expect(bound.domains).toEqual(["cpu-big", "cpu-prime"]);
    expect(bound.threadsPerDomain).toEqual([3, 1]);
    expect(compileCpuTarget(sd855, "ncnn", 4, {})).toEqual(compileCpuTarget(sd855, "ncnn", 4));
  });
});
