import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  barrierWaitSeconds,
  sliceSeconds,
  tunableScaling,
} from "../../../src/device/dynamics/barrier-wait.ts";
import { NICE_0_WEIGHT, weightOfNice } from "../../../src/device/dynamics/cfs-weights.ts";
import { Processor } from "../../../src/device/dynamics/processor.ts";
import { sd855 } from "./helpers.ts";

const EIGHT_CPUS = tunableScaling(8);

describe("barrier waits of an oversubscribed thread pool", () => {
  it("uses the kernel's slices: 24 ms periods and 3 ms minimum slices on eight CPUs", () => {
    expect(EIGHT_CPUS).toBe(4);
    expect(sliceSeconds(2, EIGHT_CPUS)).toBeCloseTo(0.012, 12);
    expect(sliceSeconds(16, EIGHT_CPUS)).toBeCloseTo(0.003, 12);
  });

  it("is zero on whole cores or for one thread, and grows with the threads and the crowding, never past a slice per other thread", () => {
    expect(barrierWaitSeconds(1, 4, 0.001, EIGHT_CPUS)).toBe(0);
    expect(barrierWaitSeconds(0.25, 1, 0.001, EIGHT_CPUS)).toBe(0);
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.99, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        fc.double({ min: 1e-6, max: 0.05, noNaN: true }),
        (share, threads, chunk) => {
          const wait = barrierWaitSeconds(share, threads, chunk, EIGHT_CPUS);
          expect(wait).toBeGreaterThan(0);
          expect(barrierWaitSeconds(share, threads + 1, chunk, EIGHT_CPUS)).toBeGreaterThan(wait);
          expect(barrierWaitSeconds(share * 0.9, threads, chunk, EIGHT_CPUS)).toBeGreaterThan(wait);
          const slice = sliceSeconds(1 / share, EIGHT_CPUS);
          expect(wait).toBeLessThanOrEqual((1 / share - 1) * Math.min(chunk, slice));
        },
      ),
    );
  });
});

describe("an accelerator's host thread on a CPU cluster", () => {
  const cluster = () => new Processor(0, "cpu-big", sd855.processors["cpu-big"]!, 0, 0.8, 0);

  it("gets a whole core while one is free, and an equal share of a full cluster otherwise", () => {
    const processor = cluster();
    processor.addThreads(processor.cores - 1, NICE_0_WEIGHT);
    processor.refreshLoad();
    expect(processor.hostShare).toBe(1);
    processor.addThreads(2 * processor.cores + 1, NICE_0_WEIGHT);
    processor.refreshLoad();
    const runnable = 3 * processor.cores;
    expect(processor.hostShare).toBeCloseTo(processor.cores / (runnable + 1), 12);
  });

  it("gets less beside favoured threads than beside the same number at nice 0", () => {
    const favoured = cluster();
    favoured.addThreads(favoured.cores + 1, weightOfNice(-10));
    favoured.refreshLoad();
    const plain = cluster();
    plain.addThreads(plain.cores + 1, NICE_0_WEIGHT);
    plain.refreshLoad();
    expect(favoured.hostShare).toBeLessThan(plain.hostShare);
  });
});
