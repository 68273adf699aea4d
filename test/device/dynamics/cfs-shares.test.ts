import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NICE_0_WEIGHT, weightOfNice } from "../../../src/device/dynamics/cfs-weights.ts";
import { Processor } from "../../../src/device/dynamics/processor.ts";
import { makeDevice, sd855 } from "./helpers.ts";

function cluster(): Processor {
  return new Processor(0, "cpu-big", sd855.processors["cpu-big"]!, 0, 0.8, 0);
}

const threadGroups = fc.array(
  fc.record({ count: fc.integer({ min: 1, max: 4 }), nice: fc.integer({ min: -20, max: 19 }) }),
  { minLength: 1, maxLength: 5 },
);

describe("CFS shares of a CPU cluster", () => {
  it("no thread gets more than a core, the cores are never oversold, and a heavier thread never gets less", () => {
    fc.assert(
      fc.property(threadGroups, (groups) => {
        const processor = cluster();
        for (const group of groups) processor.addThreads(group.count, weightOfNice(group.nice));
        processor.refreshLoad();
        let used = 0;
        for (const group of groups) {
          const share = processor.shareOf(weightOfNice(group.nice));
          expect(share).toBeGreaterThan(0);
          expect(share).toBeLessThanOrEqual(1);
          used += group.count * share;
        }
        const threads = groups.reduce((sum, group) => sum + group.count, 0);
        // Work-conserving: the busy cores are all used, never more.
        expect(used).toBeCloseTo(Math.min(threads, processor.cores), 9);
        const sorted = [...groups].sort((a, b) => a.nice - b.nice);
        for (let index = 1; index < sorted.length; index++)
          expect(processor.shareOf(weightOfNice(sorted[index]!.nice))).toBeLessThanOrEqual(
            processor.shareOf(weightOfNice(sorted[index - 1]!.nice)),
          );
      }),
    );
  });

  it("equal weights share the cores equally, exactly as cores ÷ threads", () => {
    const processor = cluster();
    processor.addThreads(7, NICE_0_WEIGHT);
    processor.refreshLoad();
    expect(processor.shareOf(NICE_0_WEIGHT)).toBe(processor.cores / 7);
  });

  it("a nice −10 thread among nice-0 threads gets its whole core, the rest split what is left", () => {
    const processor = cluster();
    processor.addThreads(6, NICE_0_WEIGHT);
    processor.addThreads(1, weightOfNice(-10));
    processor.refreshLoad();
    expect(processor.shareOf(weightOfNice(-10))).toBe(1);
    expect(processor.shareOf(NICE_0_WEIGHT)).toBeCloseTo((processor.cores - 1) / 6, 12);
    processor.addThreads(-1, weightOfNice(-10));
    processor.refreshLoad();
    expect(processor.shareOf(NICE_0_WEIGHT)).toBeCloseTo(processor.cores / 6, 12);
  });

  it("a load change undone before the refresh is no change; a different weight or count is one", () => {
    fc.assert(
      fc.property(threadGroups, fc.integer({ min: -20, max: 19 }), (groups, nice) => {
        const processor = cluster();
        for (const group of groups) processor.addThreads(group.count, weightOfNice(group.nice));
        processor.refreshLoad();
        expect(processor.loadMoved()).toBe(false);
        // A thread leaves and an equal one arrives within the instant: the shares stand.
        const first = groups[0]!;
        processor.addThreads(-1, weightOfNice(first.nice));
        processor.addThreads(1, weightOfNice(first.nice));
        expect(processor.loadMoved()).toBe(false);
        processor.addThreads(-1, weightOfNice(first.nice));
        processor.addThreads(1, weightOfNice(nice));
        expect(processor.loadMoved()).toBe(weightOfNice(nice) !== weightOfNice(first.nice));
        processor.addThreads(1, weightOfNice(nice));
        expect(processor.loadMoved()).toBe(true);
      }),
    );
  });

  it("a nice level outside −20 … 19 is refused", () => {
    expect(() => weightOfNice(20)).toThrow(/nice must be an integer from -20 to 19/);
    expect(() => weightOfNice(0.5)).toThrow(/nice/);
  });

  it("on an oversubscribed cluster, favoured busy work finishes sooner than the same work at nice 0", () => {
    const finish = (nice: number): number => {
      const { simulator, device } = makeDevice();
      let doneNs = 0;
      for (let index = 0; index < 6; index++)
        device.submitBusy({
          processor: "cpu-big",
          nominalSeconds: 0.01,
          tag: "bg",
          onDone: () => {},
        });
      device.submitBusy({
        processor: "cpu-big",
        nominalSeconds: 0.004,
        nice,
        tag: "ui",
        onDone: (time) => {
          doneNs = time;
        },
      });
      simulator.run({ until: 1e9 });
      device.dispose();
      return doneNs;
    };
    const favoured = finish(-10);
    const plain = finish(0);
    expect(favoured).toBeLessThan(plain);
    // Three cores, seven threads: nice 0 gets 3/7 of a core, nice −10 a whole one.
    expect(plain / favoured).toBeGreaterThan(2);
  });
});
